package org.licensing.session.access;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Caller;
import org.licensing.common.auth.LicenseAccess;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.problem.ProblemException;
import org.licensing.session.sessions.SessionProblems;

import io.smallrye.mutiny.Uni;

/** Resolves a device to its license and checks that the caller may use it (404 when unknown, 403 when not theirs). */
@ApplicationScoped
public class AccessGuard {


    private final DeviceDirectory devices;
    private final LicenseSnapshots licenses;

    public AccessGuard(DeviceDirectory devices, LicenseSnapshots licenses) {
        this.devices = devices;
        this.licenses = licenses;
    }

    public record DeviceAccess(DeviceRecord device, LicenseSnapshot license) {}

    public Uni<DeviceAccess> device(Caller caller, long deviceId) {
        return devices.byId(deviceId).chain(device -> {
            if (device == null) {
                return Uni.createFrom().failure(ProblemException.notFound(SessionProblems.DEVICE_NOT_FOUND, "No device " + deviceId));
            }
            return licenses.byId(device.licenseId()).map(license -> {
                if (!LicenseAccess.mayUse(caller, license)) {
                    // same answer as an unknown device, so ids of others' devices cannot be probed
                    throw ProblemException.notFound(SessionProblems.DEVICE_NOT_FOUND, "No device " + deviceId);
                }
                return new DeviceAccess(device, license);
            });
        });
    }

    public Uni<LicenseSnapshot> license(Caller caller, long licenseId) {
        return licenses.byId(licenseId).map(license -> LicenseAccess.requireUse(caller, license, licenseId));
    }
}
