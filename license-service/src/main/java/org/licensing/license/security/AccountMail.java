package org.licensing.license.security;

import org.licensing.license.accounts.Account;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.license.notifications.Notifier;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The account-security e-mails, each rendered from {@code templates/mail/<name>.txt} and
 * {@code .html} (Qute escapes the HTML one). Links point at {@code licensing.accounts.public-url}.
 */
@ApplicationScoped
public class AccountMail {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Engine qute;
    private final Notifier notifier;
    private final String publicUrl;

    public AccountMail(Engine qute, Notifier notifier, @ConfigProperty(name = "licensing.accounts.public-url") String publicUrl) {
        this.qute = qute;
        this.notifier = notifier;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public Uni<Void> verification(Account a, String token, Instant expires) {
        Map<String, Object> data = Map.of("username", a.username(), "email", a.email(), "token", token,
                "link", publicUrl + "/verify-email?token=" + token, "expires", WHEN.format(expires));
        return notifier.accountMail(a.email(), "Confirm your e-mail address", render("verify-email.txt", data),
                render("verify-email.html", data));
    }

    public Uni<Void> passwordReset(Account a, String token, Instant expires) {
        Map<String, Object> data = Map.of("username", a.username(), "token", token,
                "link", publicUrl + "/reset-password?token=" + token, "expires", WHEN.format(expires));
        return notifier.accountMail(a.email(), "Reset your password", render("password-reset.txt", data),
                render("password-reset.html", data));
    }

    /** A single-use sign-in link (customers, instead of the password), valid for minutes. */
    public Uni<Void> magicLink(Account a, String token, Instant expires, long minutes) {
        Map<String, Object> data = Map.of("username", a.username(), "token", token,
                "link", publicUrl + "/magic-link?token=" + token, "expires", WHEN.format(expires), "minutes", minutes);
        return notifier.accountMail(a.email(), "Your sign-in link", render("magic-link.txt", data), render("magic-link.html", data));
    }

    /** A notice of a security change (password changed, 2FA on or off): an ordinary, verified-only mail. */
    public Uni<Void> notice(Account a, String subject, String what, String ip) {
        Map<String, Object> data = Map.of("username", a.username(), "what", what, "when", WHEN.format(Instant.now()),
                "ip", ip == null ? "an unknown address" : ip, "resetLink", publicUrl + "/reset-password");
        return notifier.email(a.email(), subject, render("security-notice.txt", data), render("security-notice.html", data));
    }

    private String render(String name, Map<String, Object> data) {
        Template t = qute.getTemplate("mail/" + name);
        if (t == null) {
            throw new IllegalStateException("Missing mail template " + name);
        }
        var instance = t.instance();
        data.forEach(instance::data);
        return instance.render();
    }
}
