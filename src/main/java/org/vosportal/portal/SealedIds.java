package org.vosportal.portal;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opaque ids that carry their own record, encrypted and authenticated (AES-256-GCM) under a key
 * derived from the session-encryption secret that every instance behind the load balancer
 * shares: a job the portal tracks or a resumable upload begun on one instance is found on any
 * other, and nothing of it is kept in memory. The browser can neither read nor alter what an id
 * stands for; an id made for one purpose is refused for another.
 */
@ApplicationScoped
public class SealedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final SecretKeySpec key;

    SealedIds(@ConfigProperty(name = "quarkus.oidc.portal.token-state-manager.encryption-secret") Optional<String> secret) {
        byte[] material;
        if (secret.isPresent()) {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                material = m.doFinal("vosportal portal sealed ids v1".getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        } else {
            material = new byte[32];
            RANDOM.nextBytes(material);
        }
        key = new SecretKeySpec(material, "AES");
    }

    /** An id standing for {@code fields}, for {@code purpose} only. */
    public String seal(String purpose, List<String> fields) {
        try {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(plain);
            out.writeShort(fields.size());
            for (String f : fields) {
                out.writeUTF(f == null ? "" : f);
            }
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.toByteArray());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal an id", e);
        }
    }

    /** The fields an id stands for, or null when it is not one of ours (altered, made for another purpose). */
    public List<String> open(String purpose, String id) {
        if (id == null || id.length() > 8192) {
            return null;
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(id);
            if (all.length < NONCE + 16) {
                return null;
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] plain = c.doFinal(all, NONCE, all.length - NONCE);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
            int n = in.readUnsignedShort();
            List<String> fields = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                fields.add(in.readUTF());
            }
            return fields;
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            return null;
        }
    }
}
