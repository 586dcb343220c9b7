package org.licensing.common.input;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.MapType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Applies {@link InputRules} to every JSON body of every service while it is read, before any
 * resource code runs: each string by its field name, each JSON object (fingerprint, session
 * data, a PATCH body) by its serialised length and the characters of its keys and strings.
 */
@Singleton
public class InputJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("licensing-input-rules");
        module.addDeserializer(String.class, new CheckedString());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
                    BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return new CheckedObject(deserializer);
            }
        });
        mapper.registerModule(module);
    }

    /** The path of the value under the parser, as the client wrote it ("items[2].device_id"). */
    static String path(JsonParser p) {
        JsonStreamContext ctx = p.getParsingContext();
        JsonToken t = p.currentToken();
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && ctx.getParent() != null) {
            ctx = ctx.getParent();
        }
        StringBuilder sb = new StringBuilder();
        for (; ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) {
                sb.insert(0, "[" + Math.max(0, ctx.getCurrentIndex()) + "]");
            } else if (ctx.getCurrentName() != null) {
                sb.insert(0, ctx.getCurrentName() + (sb.length() > 0 && sb.charAt(0) != '[' ? "." : ""));
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    static final class CheckedString extends StdScalarDeserializer<String> {
        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null) {
                String field = path(p);
                String why = InputRules.violation(field, value);
                if (why != null) {
                    throw new InputRefusedException(p, field, why);
                }
            }
            return value;
        }
    }

    /** A JSON object read into a Map: bounded length, and no NUL or stray control character in it. */
    static final class CheckedObject extends DelegatingDeserializer {
        CheckedObject(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new CheckedObject(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String field = path(p);
            Object value = super.deserialize(p, ctxt);
            int max = InputLimits.jsonLength(InputRules.leaf(field));
            long length = walk(p, field, value, 0);
            if (length > max) {
                throw new InputRefusedException(p, field, "must be at most " + max + " characters of JSON");
            }
            return value;
        }

        private static long walk(JsonParser p, String at, Object v, int depth) throws InputRefusedException {
            if (v instanceof String s) {
                String why = InputRules.characters(s, InputLimits.Kind.TEXT);
                if (why != null) {
                    throw new InputRefusedException(p, at, why);
                }
                return s.length() + 2L;
            }
            if (v instanceof Map<?, ?> m) {
                long n = 2;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    String why = InputRules.characters(key, InputLimits.Kind.IDENTIFIER);
                    if (why != null) {
                        throw new InputRefusedException(p, at, "keys " + why);
                    }
                    n += key.length() + 4 + walk(p, at + "." + key, e.getValue(), depth + 1);
                }
                return n;
            }
            if (v instanceof Collection<?> c) {
                long n = 2;
                int i = 0;
                for (Object o : c) {
                    n += 1 + walk(p, at + "[" + i++ + "]", o, depth + 1);
                }
                return n;
            }
            return v == null ? 4 : String.valueOf(v).length();
        }
    }
}
