package org.dsrflow.security.guard;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * An object serializer of the engine (Java serialization, Spin's JSON and XML) that refuses, when a value
 * is written, the types its reading would refuse: the deserialization allow-list is otherwise only checked
 * when a value is read, so anyone allowed to set variables (the administrator, through the REST API) could
 * store a {@code java.io.File} or any class name that only fails later, wherever it is read. Every write
 * path of the engine (set or patch variables, start, correlate, modify, complete) goes through a serializer,
 * so one check covers them all; the refusal is a 403 (the one answer every REST resource passes through
 * unchanged) and the command changes nothing.
 */
final class AllowListedObjectSerializer implements TypedValueSerializer<ObjectValue> {

    private final TypedValueSerializer<ObjectValue> delegate;

    AllowListedObjectSerializer(TypedValueSerializer<ObjectValue> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void writeValue(ObjectValue value, ValueFields valueFields) {
        // A value given as serialized text with a type name is what the REST API (or any caller) hands in; values the
        // engine and dsr-flow hold as Java objects (decision inputs, the application's own) are not someone's claim.
        String typeName = value.isDeserialized() ? null : value.getObjectTypeName();
        if (typeName != null) {
            String refused = ObjectTypes.firstRefused(Context.getProcessEngineConfiguration().getDeserializationTypeValidator(),
                    typeName);
            if (refused != null) {
                throw new AuthorizationException("Variable '" + valueFields.getName() + "': values of type " + refused
                        + " are not accepted. Nothing was changed.");
            }
        }
        delegate.writeValue(value, valueFields);
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public ValueType getType() {
        return delegate.getType();
    }

    @Override
    public ObjectValue readValue(ValueFields valueFields, boolean deserializeValue, boolean isTransient) {
        return delegate.readValue(valueFields, deserializeValue, isTransient);
    }

    @Override
    public boolean canHandle(TypedValue value) {
        return delegate.canHandle(value);
    }

    @Override
    public ObjectValue convertToTypedValue(UntypedValueImpl untypedValue) {
        return delegate.convertToTypedValue(untypedValue);
    }

    @Override
    public String getSerializationDataformat() {
        return delegate.getSerializationDataformat();
    }

    @Override
    public boolean isMutableValue(ObjectValue typedValue) {
        return delegate.isMutableValue(typedValue);
    }
}
