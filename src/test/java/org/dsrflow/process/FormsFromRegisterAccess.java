package org.dsrflow.process;

import java.io.IOException;
import java.util.Map;
import org.dsrflow.config.Register;

/** For tests outside the package: the forms generated from the register's templates. */
public final class FormsFromRegisterAccess {

    private FormsFromRegisterAccess() {
    }

    public static Map<String, String> generated(Register register) throws IOException {
        return FormsFromRegister.generateAll(register);
    }
}
