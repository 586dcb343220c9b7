package org.licensing.session.heartbeat;

/** Requirement 001's answer shape: {@code {"status":"success"|"error"|"blocked","message":...}}. */
public record LegacyAnswer(String status, String message) {

    public static final LegacyAnswer RECEIVED = new LegacyAnswer("success", "Heartbeat received.");

    public static LegacyAnswer error(String message) {
        return new LegacyAnswer("error", message);
    }

    public static LegacyAnswer blocked(String message) {
        return new LegacyAnswer("blocked", message);
    }
}
