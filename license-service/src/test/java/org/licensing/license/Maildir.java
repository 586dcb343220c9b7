package org.licensing.license;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what the real SMTP sink (deploy/local/infra.sh: aiosmtpd on 127.0.0.1:2525) delivered to
 * its Maildir ({@code LM_MAILDIR}, default /var/tmp/licensing-mail). Every checkout's tests
 * deliver there, so a test finds its messages by a recipient address of its own. A small MIME
 * reader: headers, multipart/alternative, quoted-printable and base64 parts.
 */
public final class Maildir {

    public static final Path ROOT = Path.of(System.getenv().getOrDefault("LM_MAILDIR", "/var/tmp/licensing-mail"));
    /** File name -> recipients, so each delivered file is parsed once. */
    private static final Map<String, String> RECIPIENTS = new ConcurrentHashMap<>();

    public record Message(String to, String subject, String text, String html, Instant delivered) {}

    private Maildir() {}

    /** Every message delivered to the address so far, oldest first. */
    public static List<Message> to(String address) {
        String want = address.toLowerCase(Locale.ROOT);
        List<Message> out = new ArrayList<>();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            String rcpt = RECIPIENTS.computeIfAbsent(name, n -> recipients(file));
            if (java.util.Arrays.asList(rcpt.split("[\\s,<>\"]+")).contains(want)) {
                Message m = parse(file);
                if (m != null) {
                    out.add(m);
                }
            }
        }
        out.sort(Comparator.comparing(Message::delivered));
        return out;
    }

    /** Waits until the address has received at least {@code count} messages; returns them all. */
    public static List<Message> await(String address, int count, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            List<Message> got = to(address);
            if (got.size() >= count) {
                return got;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Expected " + count + " e-mail(s) to " + address + " in " + ROOT + ", got " + got.size());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The first {@code token=...} of a link in the text part. */
    public static String token(Message m) {
        Matcher t = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(m.text());
        if (!t.find()) {
            throw new AssertionError("No token link in: " + m.text());
        }
        return t.group(1);
    }

    private static List<Path> files() {
        List<Path> all = new ArrayList<>();
        for (String sub : new String[] { "new", "cur" }) {
            Path dir = ROOT.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(all::add);
            } catch (IOException e) {
                throw new AssertionError("Cannot list " + dir, e);
            }
        }
        return all;
    }

    private static String recipients(Path file) {
        try {
            String raw = Files.readString(file, StandardCharsets.ISO_8859_1);
            int end = raw.indexOf("\n\n");
            Map<String, String> h = headers(end < 0 ? raw : raw.substring(0, end));
            return (h.getOrDefault("to", "") + " " + h.getOrDefault("x-rcptto", "") + " " + h.getOrDefault("cc", ""))
                    .toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        }
    }

    private static Message parse(Path file) {
        try {
            String raw = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            Instant at = Files.getLastModifiedTime(file).toInstant();
            int end = raw.indexOf("\n\n");
            Map<String, String> h = headers(raw.substring(0, end));
            String[] parts = new String[2];
            collect(h, raw.substring(end + 2), parts);
            return new Message(h.get("to"), h.get("subject"), parts[0], parts[1], at);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Fills parts[0] (text/plain) and parts[1] (text/html) from a body with the given headers. */
    private static void collect(Map<String, String> h, String body, String[] parts) {
        String type = h.getOrDefault("content-type", "text/plain").toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE).matcher(h.get("content-type"));
            if (!b.find()) {
                return;
            }
            String boundary = "--" + b.group(1);
            for (String part : body.split(Pattern.quote(boundary))) {
                if (part.startsWith("--") || part.isBlank()) {
                    continue;
                }
                String p = part.startsWith("\n") ? part.substring(1) : part;
                int end = p.indexOf("\n\n");
                if (end < 0) {
                    continue;
                }
                collect(headers(p.substring(0, end)), p.substring(end + 2), parts);
            }
            return;
        }
        Matcher cs = Pattern.compile("charset=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE).matcher(type);
        Charset charset = cs.find() ? Charset.forName(cs.group(1)) : StandardCharsets.UTF_8;
        String encoding = h.getOrDefault("content-transfer-encoding", "7bit").trim().toLowerCase(Locale.ROOT);
        byte[] bytes = switch (encoding) {
            case "base64" -> Base64.getMimeDecoder().decode(body.trim());
            case "quoted-printable" -> quotedPrintable(body);
            default -> body.getBytes(StandardCharsets.ISO_8859_1);
        };
        String text = new String(bytes, charset);
        if (type.startsWith("text/html")) {
            parts[1] = text;
        } else if (type.startsWith("text/plain") && parts[0] == null) {
            parts[0] = text;
        }
    }

    private static byte[] quotedPrintable(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String joined = s.replace("=\n", "");
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                try {
                    out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (RuntimeException e) {
                    // not an escape: keep the '='
                }
            }
            out.write(c);
        }
        return out.toByteArray();
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> h = new java.util.HashMap<>();
        String unfolded = block.replace("\r\n", "\n").replaceAll("\n[ \t]+", " ");
        for (String line : unfolded.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return h;
    }
}
