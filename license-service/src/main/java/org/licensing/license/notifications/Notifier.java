package org.licensing.license.notifications;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.licensing.license.accounts.AccountsConfig;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * E-mail to customers and sellers (quarkus-mailer over SMTP; dev and tests use the local SMTP
 * sink). A failed e-mail is logged and never fails the job or request that sent it. With
 * {@code licensing.accounts.email-verification-required} on, {@link #email} sends only to an
 * address some account has verified; {@link #accountMail} (verification, password reset) is
 * exempt, since it is what proves the address.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);

    private final ReactiveMailer mailer;
    private final Pool pool;
    private final boolean verifiedOnly;

    public Notifier(ReactiveMailer mailer, Pool pool,
            AccountsConfig accounts) {
        this.mailer = mailer;
        this.pool = pool;
        this.verifiedOnly = accounts.emailVerificationRequired();
    }

    public Uni<Void> email(String to, String subject, String text) {
        return email(to, subject, text, null);
    }

    /** A notice (text, and HTML when not null), only to a verified address when verification is required. */
    public Uni<Void> email(String to, String subject, String text, String html) {
        if (to == null || to.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        if (!verifiedOnly) {
            return send(to, subject, text, html);
        }
        return pool.preparedQuery("SELECT 1 FROM license.accounts WHERE email = $1 AND email_verified_at IS NOT NULL LIMIT 1")
                .execute(Tuple.of(to.trim().toLowerCase(java.util.Locale.ROOT)))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        LOG.debugf("E-mail '%s' not sent: %s is not a verified address", subject, to);
                        return Uni.createFrom().voidItem();
                    }
                    return send(to, subject, text, html);
                })
                .onFailure().invoke(f -> LOG.warnf("E-mail '%s' to %s not sent: %s", subject, to, f.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Verification and password-reset mail: sent whether or not the address is verified yet. */
    public Uni<Void> accountMail(String to, String subject, String text, String html) {
        return send(to, subject, text, html);
    }

    private Uni<Void> send(String to, String subject, String text, String html) {
        Mail mail = Mail.withText(to, subject, text);
        if (html != null) {
            mail.setHtml(html);
        }
        return mailer.send(mail)
                .onFailure().invoke(f -> LOG.warnf("E-mail '%s' to %s not sent: %s", subject, to, f.getMessage()))
                .onFailure().recoverWithNull();
    }
}
