package org.licensing.license.licenses;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;
import org.licensing.license.accounts.Account;
import org.licensing.license.products.Product;

/**
 * Minting, parsing and encrypting keys: one place for the product's key scheme, the platform
 * prefix and the encryption key, used by issuing and by key replacement.
 */
@ApplicationScoped
public class LicenseKeys {

    private final LicenseKeyHasher hasher;
    private final KeyGenerator generator;
    private final KeyCipher cipher;

    public LicenseKeys(LicenseKeyHasher hasher, KeysConfig config) {
        this.hasher = hasher;
        SecureRandom random = new SecureRandom();
        this.generator = new KeyGenerator(random, hasher.checksumSecret(), config.platform());
        this.cipher = new KeyCipher(config.encryptionKey(), random);
    }

    /** A fresh key in the product's scheme, parsed (so its hash and normalized form are at hand). */
    LicenseKeyFormat.ParsedKey mint(Product product, Account seller, String privilege) {
        return parse(newKey(product, seller, privilege), "key");
    }

    /** Format and checksum of an imported key; a bad one is a 400 naming {@code field}. */
    LicenseKeyFormat.ParsedKey parse(String raw, String field) {
        return hasher.parseOrReject(raw, field);
    }

    String hash(LicenseKeyFormat.ParsedKey key) {
        return hasher.hash(key);
    }

    String encrypt(String normalizedKey) {
        return cipher.encrypt(normalizedKey);
    }

    /** A key search of the license list: a whole key (by hash) or a fragment of its readable end; null for none. */
    KeySearch search(String raw) {
        return KeySearch.of(raw, hasher.checksumSecret(), hasher::hashNormalized);
    }

    String decrypt(String encrypted) {
        return cipher.decrypt(encrypted);
    }

    private String newKey(Product product, Account seller, String privilege) {
        return switch (LicenseKeyFormat.Scheme.valueOf(product.keyScheme())) {
            case SEGMENTED -> {
                if (seller.sellerName() == null) {
                    throw ProblemException.conflict(LicenseCodes.SELLER_NAME_MISSING,
                            "Segmented keys need the seller's name; this seller has none");
                }
                yield generator.segmented(seller.sellerName(), privilege);
            }
            case CHECKSUMMED -> generator.checksummed(product.code(), product.sellerId(), LocalDate.now(ZoneOffset.UTC));
            case OPAQUE -> generator.opaque();
        };
    }
}
