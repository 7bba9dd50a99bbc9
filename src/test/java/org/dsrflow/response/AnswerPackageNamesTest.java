package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The package's entry names: sanitised again, one path segment each, and a clash numbered before the extension. */
class AnswerPackageNamesTest {

    @Test
    void aSecondFileOfTheSameNameInAFolderGetsANumberBeforeTheExtensionInAnyLetterCase() {
        Set<String> taken = new HashSet<>();
        assertThat(AnswerPackage.unique(taken, "files/digital/", "photo.png")).isEqualTo("files/digital/photo.png");
        assertThat(AnswerPackage.unique(taken, "files/digital/", "photo.png")).isEqualTo("files/digital/photo (2).png");
        assertThat(AnswerPackage.unique(taken, "files/digital/", "Photo.PNG")).isEqualTo("files/digital/Photo (3).PNG");
        assertThat(AnswerPackage.unique(taken, "files/contact/", "photo.png")).isEqualTo("files/contact/photo.png");
        assertThat(AnswerPackage.unique(taken, "files/digital/", "notes")).isEqualTo("files/digital/notes");
        assertThat(AnswerPackage.unique(taken, "files/digital/", "notes")).isEqualTo("files/digital/notes (2)");
        assertThat(AnswerPackage.unique(taken, "files/digital/", "notes (2)")).isEqualTo("files/digital/notes (2) (2)");
    }

    @Test
    void aNameKeepsNoPathControlOrReservedCharactersAndNeverBecomesADeviceOrEmpty() {
        assertThat(AnswerPackage.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(AnswerPackage.safeName("C:\\Users\\x\\mail.eml")).isEqualTo("mail.eml");
        assertThat(AnswerPackage.safeName("a\u0007b\u202Egnp.txt")).isEqualTo("abgnp.txt");
        assertThat(AnswerPackage.safeName("what?<now>|\"x\"*.txt")).isEqualTo("what__now___x__.txt");
        assertThat(AnswerPackage.safeName("report.pdf. . ")).isEqualTo("report.pdf");
        assertThat(AnswerPackage.safeName("CON.txt")).isEqualTo("_CON.txt");
        assertThat(AnswerPackage.safeName("..")).isEqualTo("file");
        assertThat(AnswerPackage.safeName("  ")).isEqualTo("file");
        assertThat(AnswerPackage.safeName(null)).isEqualTo("file");
        assertThat(AnswerPackage.safeName("Åsa Ørsted – kvitto.pdf")).isEqualTo("Åsa Ørsted – kvitto.pdf");
    }
}
