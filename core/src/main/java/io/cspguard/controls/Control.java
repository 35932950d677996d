package io.cspguard.controls;

/**
 * One control of the catalog. Implementations are small final classes: pure functions of the tenant's typed
 * snapshot, the partner's snapshot and the configuration ({@link TenantView}); no I/O, no clock, no globals.
 */
public interface Control {
    ControlInfo info();

    /**
     * Judges one tenant. Report what fails as findings and what cannot be decided as unknowns; the evaluator turns
     * that into a status (a decidable failure wins over missing data; missing data is never a pass).
     */
    Outcome evaluate(TenantView tenant);
}
