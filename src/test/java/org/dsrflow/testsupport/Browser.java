package org.dsrflow.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium through Selenium; screenshots go to target/screenshots/.
 * <p>
 * One Chromium for the whole test JVM: starting one costs a second or two, and the browser tests open
 * some thirty. {@code new Browser()} lends that one out, started on first use, and {@link #close()}
 * gives it back as a fresh one would be: one empty tab at 1400 × 1000, no cookies, no cache, no
 * storage of the sites it was on, downloads as by default. Only one test at a time uses it: a test
 * that opens a second browser while the first is out (two people at once) gets a Chromium of its own,
 * with its own profile, closed with it.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static ChromeDriver shared;
    private static boolean lent;

    private final ChromeDriver driver;
    /** The own profile of a browser that is not the shared one, else null. */
    private final Path profile;

    public Browser() throws IOException {
        synchronized (Browser.class) {
            if (!lent) {
                if (shared == null) {
                    Path sharedProfile = Files.createTempDirectory("dsr-chromium");
                    ChromeDriver started = start(sharedProfile);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> quit(started, sharedProfile)));
                    shared = started;
                }
                lent = true;
                driver = shared;
                profile = null;
                return;
            }
        }
        profile = Files.createTempDirectory("dsr-chromium");
        driver = start(profile);
    }

    private static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile,
                // No software GPU, extensions, audio or background throttling: the same pages for a quarter less
                // CPU (AccessibilityBrowserTest alone: 162 → 140 CPU s of Chromium, 242 → 179 s).
                "--disable-software-rasterizer", "--disable-extensions", "--mute-audio", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(0));
        return driver;
    }

    public static boolean available() {
        return new File("/usr/bin/chromedriver").canExecute() && chromium() != null;
    }

    private static String chromium() {
        for (String candidate : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return null;
    }

    public WebDriver driver() {
        return driver;
    }

    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return target;
    }

    @Override
    public void close() {
        if (profile != null) {
            quit(driver, profile);
            return;
        }
        try {
            forgetEverything();
        } catch (RuntimeException broken) {
            // A browser that cannot be put back is not lent again: the next test starts a new one.
            synchronized (Browser.class) {
                shared = null;
            }
            try {
                driver.quit();
            } catch (RuntimeException ignored) {
                // it is gone already
            }
        } finally {
            synchronized (Browser.class) {
                lent = false;
            }
        }
    }

    /** What a test leaves in the shared browser: its tabs, its sites' cookies and storage, its window size, its downloads setting. */
    private void forgetEverything() {
        Set<String> origins = new LinkedHashSet<>();
        String keep = null;
        for (String handle : driver.getWindowHandles()) {
            driver.switchTo().window(handle);
            origins.add(origin(driver.getCurrentUrl()));
            if (keep == null) {
                keep = handle;
            } else {
                driver.close();
            }
        }
        driver.switchTo().window(keep);
        driver.get("about:blank");
        driver.manage().window().setSize(new Dimension(1400, 1000));
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "default"));
        for (String origin : origins) {
            if (origin != null) {
                // Both names of this computer: the tests reach the application as localhost and as 127.0.0.1.
                for (String name : List.of(origin, origin.replace("//localhost", "//127.0.0.1"), origin.replace("//127.0.0.1", "//localhost"))) {
                    driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", name, "storageTypes", "all"));
                }
            }
        }
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() != null && uri.getScheme().startsWith("http") ? uri.getScheme() + "://" + uri.getAuthority() : null;
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    private static void quit(WebDriver driver, Path profile) {
        try {
            driver.quit();
        } catch (RuntimeException ignored) {
            // it is gone already
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
