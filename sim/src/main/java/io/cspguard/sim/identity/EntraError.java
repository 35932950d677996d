package io.cspguard.sim.identity;

/**
 * An Entra error: the OAuth {@code error}, the {@code AADSTS} number and its message, and the HTTP status. The codes
 * and wording follow what Entra answers (learn.microsoft.com/entra/identity-platform/reference-error-codes), so
 * clients meet the same strings here as in production. {@link IdentityRoutes} renders the JSON body.
 */
final class EntraError extends RuntimeException {
    final int status;
    final String error;
    final long code;

    private EntraError(int status, String error, long code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.code = code;
    }

    static EntraError of(int status, String error, long code, String message) {
        return new EntraError(status, error, code, message);
    }

    static EntraError missingParameter(String name) {
        return of(400, "invalid_request", 900144,
                "The request body must contain the following parameter: '" + name + "'.");
    }

    static EntraError tenantNotFound(String tenant) {
        return of(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you have the "
                + "correct tenant ID and are signing into the correct cloud. Check with your subscription administrator,"
                + " this may happen if there are no active subscriptions for the tenant.");
    }

    /** Client credentials sent to /common or /organizations: Entra cannot tell which tenant's token to mint. */
    static EntraError noTenant() {
        return of(400, "invalid_request", 50059, "No tenant-identifying information found in either the request or "
                + "implied by any provided credentials.");
    }

    /** An unknown client id, or the partner's app not consented (so absent) in a customer tenant. */
    static EntraError appNotInTenant(String clientId, String tenantName) {
        return of(400, "unauthorized_client", 700016, "Application with identifier '" + clientId + "' was not found in "
                + "the directory '" + tenantName + "'. This can happen if the application has not been installed by the "
                + "administrator of the tenant or consented to by any user in the tenant. You may have sent your "
                + "authentication request to the wrong tenant.");
    }

    static EntraError invalidSecret(String clientId) {
        return of(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the "
                + "request is the client secret value, not the client secret ID, for a secret added to app '"
                + clientId + "'.");
    }

    static EntraError noClientCredential() {
        return of(401, "invalid_client", 7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    static EntraError unknownCertificate(String clientId) {
        return of(401, "invalid_client", 700027, "The certificate with identifier used to sign the client assertion "
                + "is not registered on application. [Reason - The key was not found., Please visit the Azure Portal, "
                + "Graph Explorer or directly use MS Graph to see configured keys for app Id '" + clientId + "'.]");
    }

    static EntraError badAssertionSignature() {
        return of(401, "invalid_client", 700027, "Client assertion failed signature validation.");
    }

    static EntraError assertionTime() {
        return of(401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
    }

    /** 50027 is Entra's "invalid JWT" family: malformed, unexpected audience or issuer, subject mismatch. */
    static EntraError badAssertion(String why) {
        return of(401, "invalid_client", 50027, "JWT token is invalid or malformed. " + why);
    }

    static EntraError unsupportedGrant(String grant) {
        return of(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grant + "'.");
    }

    static EntraError invalidScope(String scope) {
        return of(400, "invalid_scope", 70011, "The provided request must include a 'scope' input parameter. The "
                + "provided value for the input parameter 'scope' is not valid. The scope " + scope + " is not valid.");
    }

    static EntraError clientCredentialScope(String scope) {
        return of(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid. Client "
                + "credential flows must have a scope value with /.default suffixed to the resource identifier "
                + "(application ID URI).");
    }

    static EntraError unknownResource(String resource, String tenantName) {
        return of(400, "invalid_resource", 500011, "The resource principal named " + resource + " was not found in the "
                + "tenant named " + tenantName + ". This can happen if the application has not been installed by the "
                + "administrator of the tenant or consented to by any user in the tenant. You might have sent your "
                + "authentication request to the wrong tenant.");
    }

    static EntraError twoResources() {
        return of(400, "invalid_scope", 28000, "Provided value for the input parameter scope is not valid because it "
                + "contains more than one resource. Scope can only contain scopes of one resource.");
    }

    static EntraError notConsented(String clientId, String appName) {
        return of(400, "invalid_grant", 65001, "The user or administrator has not consented to use the application "
                + "with ID '" + clientId + "' named '" + appName + "'. Send an interactive authorization request for "
                + "this user and resource.");
    }

    static EntraError badCode() {
        return of(400, "invalid_grant", 70000, "The provided value for the 'code' parameter is not valid.");
    }

    static EntraError codeRedeemed() {
        return of(400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a "
                + "new valid code or use an existing refresh token.");
    }

    static EntraError codeExpired() {
        return of(400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to "
                + "inactivity. Send a new interactive authorization request for this user and resource.");
    }

    static EntraError redirectMismatch(String given) {
        return of(400, "invalid_grant", 500112, "The reply address '" + given + "' does not match the reply address "
                + "provided when requesting Authorization code.");
    }

    static EntraError pkceMismatch() {
        return of(400, "invalid_grant", 501481,
                "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
    }

    static EntraError pkceRequired() {
        return of(400, "invalid_request", 9002325,
                "Proof Key for Code Exchange is required for cross-origin authorization code redemption.");
    }

    static EntraError badRefreshToken() {
        return of(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
    }

    static EntraError refreshTokenExpired(java.time.Instant issued, java.time.Duration inactive) {
        return of(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity. The token was issued "
                + "on " + issued + " and was inactive for " + inactive.toDays() + ".00:00:00.");
    }

    static EntraError refreshTokenRevoked() {
        return of(400, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth "
                + "token is needed. The user might have changed or reset their password.");
    }

    static EntraError userDisabled() {
        return of(400, "invalid_grant", 50057, "The user account is disabled.");
    }

    /**
     * A partner user with no GDAP role in the customer. Entra answers 50020 (the user "does not exist" in the
     * resource tenant) — what partners see when a GDAP relationship or access assignment is missing. 50076 is an MFA
     * challenge and 50105 an app-assignment requirement: neither describes a missing delegated-admin grant.
     */
    static EntraError noAccessInTenant(String upn, String userTenant, String tenant, String clientId) {
        return of(400, "invalid_grant", 50020, "User account '" + upn + "' from identity provider 'https://sts.windows"
                + ".net/" + userTenant + "/' does not exist in tenant '" + tenant + "' and cannot access the application '"
                + clientId + "' in that tenant. The account needs to be added as an external user in the tenant first. "
                + "Sign out and sign in again with a different Azure Active Directory user account.");
    }

    static EntraError authorizationPending() {
        return of(400, "authorization_pending", 70016,
                "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
    }

    static EntraError deviceCodeExpired() {
        return of(400, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid. "
                + "This device code has expired.");
    }

    static EntraError badDeviceCode() {
        return of(400, "bad_verification_code", 70000, "The provided value for the input parameter 'device_code' is "
                + "not valid.");
    }

    static EntraError unknownUser(String upn, String tenant) {
        return of(400, "invalid_grant", 50034, "The user account " + upn + " does not exist in the " + tenant
                + " directory. To sign into this application, the account must be added to the directory.");
    }

    static EntraError badPassword() {
        return of(400, "invalid_grant", 50126, "Error validating credentials due to invalid username or password.");
    }

    static EntraError mfaRequired() {
        return of(400, "invalid_grant", 50074, "Strong Authentication is required.");
    }

    static EntraError badOneTimeCode() {
        return of(400, "invalid_grant", 500121, "Authentication failed during strong authentication request.");
    }

    static EntraError badRedirectUri(String uri, String clientId) {
        return of(400, "invalid_request", 50011, "The redirect URI '" + uri + "' specified in the request does not "
                + "match the redirect URIs configured for the application '" + clientId + "'. Make sure the redirect "
                + "URI sent in the request matches one added to your application in the Azure portal.");
    }

    static EntraError invalidParameter(String name) {
        return of(400, "invalid_request", 70011, "The provided value for the input parameter '" + name
                + "' is not valid.");
    }

    static EntraError unsupportedResponseType(String type) {
        return of(400, "unsupported_response_type", 700054, "response_type '" + type
                + "' is not enabled for the application.");
    }

    static EntraError unknownUserCode() {
        return of(400, "invalid_grant", 70000, "That code didn't work. Check the code and try again.");
    }

    String description() {
        return "AADSTS" + code + ": " + getMessage();
    }
}
