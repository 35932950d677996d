package io.cspguard.result;

/**
 * One object that breaks a control, and why.
 *
 * @param findingId        stable from run to run: a hash of tenant, control, object type, object id and rule
 * @param objectType       user, group, servicePrincipal, application, policy, role, relationship, signIn, method, tenant
 * @param rule             which clause of the control it breaks (a short key, part of the finding id)
 * @param exception        the live exception that accepts it, or null
 * @param expiredException an exception that would have accepted it but has expired, or null
 */
public record Finding(String findingId, String objectType, String objectId, String objectName, String rule,
                      String detail, boolean accepted, ExceptionRef exception, ExceptionRef expiredException) {
}
