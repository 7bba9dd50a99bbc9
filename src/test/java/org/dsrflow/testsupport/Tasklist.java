package org.dsrflow.testsupport;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Camunda Tasklist as a user works it: logging in as a test user, clicking what Tasklist's sticky header may overlap. */
public final class Tasklist {

    private Tasklist() {
    }

    public static void login(WebDriver driver, WebDriverWait wait, int port, String group) {
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
                .sendKeys(TestUsers.of(group));
        driver.findElement(By.cssSelector("input[type='password']")).sendKeys(TestUsers.PASSWORD);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        By form = By.cssSelector("input[ng-model='username']");
        try {
            new WebDriverWait(driver, java.time.Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOfElementLocated(form));
        } catch (org.openqa.selenium.TimeoutException stillThere) {
            // On a busy machine the press can come before Tasklist's form listens: a user presses again.
            driver.findElements(By.cssSelector("button[type='submit']")).forEach(WebElement::click);
            wait.until(ExpectedConditions.invisibilityOfElementLocated(form));
        }
    }

    /** Scrolled into view and clicked like a user. */
    public static void click(WebDriver driver, WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }
}
