package org.licensing.device.activation;

import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.device.devices.DeviceView;

public record ActivationResult(DeviceView device, LicenseSnapshot license, BindingDecision.Outcome outcome, int boundDevices,
        boolean anomaly) {

    public boolean tookSlot() {
        return outcome != BindingDecision.Outcome.REFRESH;
    }
}
