package org.dsrflow.testsupport;

/**
 * The suite runs in two JVMs at once, one lane each: surefire (two forks, see the pom) hands each JVM one of the
 * suites {@link FirstLane} and {@link SecondLane}, and each suite runs its classes in the order of
 * {@link ContextGroups}, so every Spring configuration still starts once, in one of the two JVMs.
 * <p>
 * A class is in the first lane when it is tagged {@value #FIRST} and not {@value #SECOND}: the classes of
 * {@link SmtpIntegrationTest} (the annotation carries the tag) and the plain classes tagged by hand to balance
 * the lanes. Every other class is in the second lane: {@link OnPostgres} (its tag wins over the inherited
 * first-lane tag), the other configurations, the classes with fixed-port fixtures ({@link CrmDatabase},
 * {@link RepairDeskApi}, the test OpenID provider) and the reliability ITs, which run on a second thread
 * beside that lane's classes. The two expressions complement each other, so no class is left out or run twice.
 * GreenMail's ports differ per JVM ({@link TestPorts}).
 */
public final class Lanes {

    public static final String FIRST = "first-lane";
    public static final String SECOND = "second-lane";
    static final String FIRST_LANE = FIRST + " & !" + SECOND;

    private Lanes() {
    }
}
