package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.dsrflow.process.RegisterRequestProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Object values as a REST client sends them: serialized, with the type it claims. */
class ObjectTypesAllowedTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private final GuardBench bench = new GuardBench(engine);
    private final ObjectTypesAllowed rule = new ObjectTypesAllowed();

    @Test
    void anObjectOfATypeOutsideTheAllowListIsA400NamingTheVariableAndType() {
        String task = bench.departmentTask();

        assertThatThrownBy(() -> bench.check(rule, new CompleteTaskCmd(task, object("answer", "com.example.Gadget")), "sam", "sales"))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("Variable 'answer': values of type com.example.Gadget are not accepted");
    }

    @Test
    void aCollectionOfARefusedTypeIsRefusedForThatType() {
        String task = bench.departmentTask();

        assertThatThrownBy(() -> bench.check(rule, new CompleteTaskCmd(task, object("answer", "java.util.ArrayList<com.example.Gadget>")),
                "sam", "sales"))
                .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("values of type com.example.Gadget");
    }

    @Test
    void anObjectOfAnAllowedTypePasses() {
        String task = bench.departmentTask();

        assertThatCode(() -> bench.check(rule, new CompleteTaskCmd(task, object("answer", "java.util.HashMap<java.lang.String,java.lang.Object>")),
                "sam", "sales")).doesNotThrowAnyException();
    }

    @Test
    void aStartFormsObjectOfARefusedTypeIsA400() {
        String definition = bench.registration();

        assertThatThrownBy(() -> bench.check(rule, new SubmitStartFormCmd(definition, null,
                object(RegisterRequestProcess.Fields.CATEGORIES.name(), "com.example.Gadget")), "pia", "privacy"))
                .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("com.example.Gadget");
    }


    private static VariableMap object(String name, String type) {
        return Variables.createVariables().putValueTyped(name, Variables.serializedObjectValue("{}").objectTypeName(type)
                .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    }
}
