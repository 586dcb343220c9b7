package org.licensing.license.notifications;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * E-mail to customers and sellers (quarkus-mailer: SMTP in production, the mock mailbox in dev and
 * tests). A failed e-mail is logged and never fails the job or request that sent it.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);

    private final ReactiveMailer mailer;

    public Notifier(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    public Uni<Void> email(String to, String subject, String text) {
        if (to == null || to.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return mailer.send(Mail.withText(to, subject, text))
                .onFailure().invoke(f -> LOG.warnf("E-mail '%s' to %s not sent: %s", subject, to, f.getMessage()))
                .onFailure().recoverWithNull();
    }
}
