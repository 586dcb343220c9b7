package org.licensing.examples.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.licensing.sdk.Activation;
import org.licensing.sdk.Device;
import org.licensing.sdk.LicensingClient;
import org.licensing.sdk.LicensingException;
import org.licensing.sdk.Validation;
import org.licensing.sdk.ValidationRequest;
import org.licensing.sdk.session.Heartbeat;
import org.licensing.sdk.session.LicenseSession;
import org.licensing.sdk.session.SessionEnd;
import org.licensing.sdk.session.SessionListener;
import org.licensing.sdk.session.SessionOptions;

/**
 * What a vendor's application does with the SDK: activate this machine, validate the key, keep a
 * session open (heartbeats in the background) until Ctrl-C, the time given, or the platform ends it.
 *
 * <pre>
 * java -cp sdk/java/target/classes:examples/java-cli/target/classes org.licensing.examples.cli.LicensingCli \
 *      --gateway http://127.0.0.1:8080 --key ACME-REGULAR-... [--product API] [--seconds 120] [--store ./license.json]
 * </pre>
 * Exit status: 0 session closed normally, 2 validation not valid, 3 the platform ended the session, 1 an error.
 */
public final class LicensingCli {

    public static void main(String[] argv) throws InterruptedException {
        Map<String, String> a = args(argv);
        if (!a.containsKey("gateway") || !a.containsKey("key")) {
            System.err.println("usage: LicensingCli --gateway URL --key LICENSE_KEY [--product CODE] [--seconds N] [--store FILE]"
                    + " [--beat-every SECONDS]");
            System.exit(64);
        }
        LicensingClient.Builder b = LicensingClient.builder(URI.create(a.get("gateway"))).licenseKey(a.get("key"))
                .onGrace((v, cause) -> System.out.println("on grace until " + v.graceEndsAt() + " (" + cause.code() + ")"));
        if (a.containsKey("store")) {
            b.store(Path.of(a.get("store")));
        }
        LicensingClient client = b.build();
        Device device = Device.thisMachine("java-cli example");
        try {
            Activation act = client.activate(device);
            System.out.println("activated " + device.id() + " (device " + act.deviceRowId() + ", "
                    + (act.alreadyBound() ? "already bound" : "new slot") + ", " + act.boundDevices() + "/" + act.maxDevices() + ")");
            Validation v = client.validate(ValidationRequest.of(a.get("product")).device(device.id()));
            System.out.println("validation: " + v.code() + (v.grace() ? " (grace)" : "") + " - " + v.detail());
            if (!v.valid()) {
                System.exit(2);
            }
            CountDownLatch ended = new CountDownLatch(1);
            SessionEnd[] why = new SessionEnd[1];
            SessionListener listener = new SessionListener() {
                @Override
                public void onEnded(SessionEnd end) {
                    if (!end.byPlatform()) {
                        return; // our own close() below
                    }
                    why[0] = end;
                    System.out.println("session ended by the platform: " + end.status() + " " + end.reason());
                    ended.countDown();
                }

                @Override
                public void onHeartbeat(Heartbeat beat) {
                    System.out.println("heartbeat ok, usage " + beat.usageSeconds() + " s");
                }

                @Override
                public void onRetry(LicensingException error, Duration delay) {
                    System.out.println("heartbeat failed (" + error.code() + "), retrying in " + delay.toMillis() + " ms");
                }
            };
            SessionOptions options = SessionOptions.of(device.id(), "1.0.0").listener(listener);
            if (a.containsKey("beat-every")) {
                options = options.maxHeartbeatInterval(Duration.ofSeconds(Long.parseLong(a.get("beat-every"))));
            }
            try (LicenseSession session = client.startSession(options)) {
                System.out.println("session " + session.sessionId() + " open, heartbeat every "
                        + session.serverInterval().toSeconds() + " s; Ctrl-C to stop");
                Runtime.getRuntime().addShutdownHook(new Thread(session::close));
                long seconds = Long.parseLong(a.getOrDefault("seconds", "0"));
                if (seconds > 0) {
                    ended.await(seconds, TimeUnit.SECONDS);
                } else {
                    ended.await();
                }
            }
            System.out.println(why[0] == null ? "session closed" : "stopped");
            System.exit(why[0] == null ? 0 : 3);
        } catch (LicensingException e) {
            System.err.println((e.isUnreachable() ? "platform unreachable: " : "refused: ") + e.code() + " " + e.status()
                    + " " + e.detail());
            System.exit(1);
        }
    }

    private static Map<String, String> args(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (argv[i].startsWith("--")) {
                m.put(argv[i].substring(2), argv[i + 1]);
            }
        }
        return m;
    }
}
