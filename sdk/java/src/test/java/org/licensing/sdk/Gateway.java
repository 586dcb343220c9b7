package org.licensing.sdk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Stops and starts the local stack's nginx (the gateway) for the outage test, and waits until it is down / up. */
final class Gateway {

    private Gateway() {}

    static void stop(String run, URI gw) throws Exception {
        nginx(run, "-s", "quit");
        for (int i = 0; i < 100 && listening(gw); i++) {
            Thread.sleep(100);
        }
        if (listening(gw)) {
            throw new IllegalStateException("the gateway still listens after nginx -s quit");
        }
    }

    static void start(String run, URI gw) throws Exception {
        if (!listening(gw)) {
            nginx(run);
        }
        for (int i = 0; i < 100 && !listening(gw); i++) {
            Thread.sleep(100);
        }
    }

    private static void nginx(String run, String... extra) throws IOException, InterruptedException {
        String[] cmd = new String[5 + extra.length];
        cmd[0] = "nginx";
        cmd[1] = "-p";
        cmd[2] = run;
        cmd[3] = "-c";
        cmd[4] = run + "/nginx.conf";
        System.arraycopy(extra, 0, cmd, 5, extra.length);
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("nginx " + String.join(" ", extra) + " failed: " + p.exitValue());
        }
    }

    static boolean listening(URI gw) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(gw.getHost(), gw.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
