package io.cspguard.sim.identity;

import java.util.Optional;

/** Checks a bearer token's signature, expiry (on the simulator's clock) and audience. */
public interface TokenVerifier {
    /**
     * @param bearer   the token from {@code Authorization: Bearer …}
     * @param audience the audience the resource expects
     * @return the token's grants, or empty when it is not valid here (the caller answers 401)
     */
    Optional<AccessToken> verify(String bearer, String audience);
}
