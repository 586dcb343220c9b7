package org.licensing.stats.eventlog;

import org.licensing.common.auth.Caller;

/**
 * What a reader of the event log learns about who acted. A customer sees the events of its own
 * account and licenses, but the seller's or an admin's identity and address in them are not the
 * customer's to know: for a customer, the actor's account id and IP are kept only when the customer
 * itself was the actor (its own sign-ins and changes). Admins and sellers see them. Pure.
 */
public final class ActorRedaction {

    private ActorRedaction() {}

    /** True when {@code caller} may see the actor id and IP of an event acted by {@code actorId} (null: no person). */
    public static boolean showsActor(Caller caller, Long actorId) {
        if (!caller.isCustomer()) {
            return true;
        }
        return actorId == null || actorId == caller.accountId();
    }

    public static EventLogResource.EventView apply(Caller caller, EventLogResource.EventView e) {
        if (showsActor(caller, e.actorId())) {
            return e;
        }
        return new EventLogResource.EventView(e.id(), e.type(), e.level(), e.accountId(), e.licenseId(), e.deviceId(), null,
                null, e.source(), e.data(), e.ts());
    }
}
