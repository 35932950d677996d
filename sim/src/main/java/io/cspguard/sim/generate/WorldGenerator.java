package io.cspguard.sim.generate;

import io.cspguard.sim.generate.TenantModel.Kind;
import io.cspguard.sim.generate.TenantModel.User;
import io.cspguard.sim.world.PartnerApp;
import io.cspguard.sim.world.Planted;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes a seeded world: one partner (Entra ID P2, Partner Center) and N customers of SMB-heavy sizes and mixed
 * licences, each a compliant baseline into which violations of every control a snapshot can decide are planted at
 * {@link GeneratorOptions#violationRate()}. Same options, same world: every random choice comes from the seed (one
 * stream per tenant, so customers are built in parallel), nothing reads the clock, and outputs never follow a hash
 * order.
 */
public final class WorldGenerator {
    /** The earliest world time; the seed adds up to two weeks of hours. */
    static final Instant EPOCH = Instant.parse("2026-11-20T09:00:00Z");
    static final String APP_NAME = "CSP Guard";
    static final String PRIVILEGED_ACCOUNT_PATTERN = "^adm-";
    static final List<String> ACCOUNT_PATTERNS = List.of("^csp[-_.]");

    private final int threads;

    public WorldGenerator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public WorldGenerator(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** The world's time for a seed: 2026-11-20T09:00:00Z plus 0–335 hours. */
    public static Instant worldTime(long seed) {
        return EPOCH.plus(Duration.ofHours(Math.floorMod(Rng.mix(seed, 0x71AEL), 24 * 14)));
    }

    public World generate(GeneratorOptions o) {
        long seed = o.seed();
        Instant now = worldTime(seed);
        Rng master = new Rng(Rng.mix(seed, 1));
        Hostile planHostile = new Hostile(o.hostile(), Rng.mix(seed, 5));

        String partnerTenantId = master.uuid();
        String partnerName = master.pick(Names.COMPANY_A);
        String partnerSlug = Names.slug(partnerName);
        String clientId = master.uuid();
        String appObjectId = master.uuid();
        String clientSecret = master.alnum(3) + "8Q~" + master.base64url(34);
        String keyId = master.uuid();
        Certificates.Credential cert = Certificates.create(seed, now, APP_NAME + " simulated app");
        TenantModel.Key key = new TenantModel.Key(keyId, "CN=" + APP_NAME + " simulated app", cert.notBefore(),
                cert.notAfter(), cert.thumbprint());
        PartnerApp app = new PartnerApp(clientId, APP_NAME, clientSecret, cert.certificatePem(), cert.privateKeyPem());

        List<Plans.Customer> plans = customers(o, master, planHostile);
        boolean activeRelationships = plans.stream().anyMatch(Plans.Customer::gdapActive);
        Set<String> partnerPlants = new LinkedHashSet<>();
        decidePlants(o, master, plans, partnerPlants, activeRelationships);
        boolean exceptions = o.violationRate() > 0 && !plans.isEmpty();

        // the partner
        TenantModel pt = new TenantModel(partnerTenantId, true, Licences.Tier.P2, now, new Rng(Rng.mix(seed, 2)),
                new Hostile(o.hostile(), Rng.mix(seed, 3)));
        PartnerBuilder pb = new PartnerBuilder(pt, plans, o.signInsPerUser(), clientId, appObjectId, APP_NAME, key);
        pb.build(partnerName, partnerSlug);
        Plants partnerPlanting = new Plants(pt, null, pb);
        partnerPlanting.apply(partnerPlants);
        String expiredAppId = null;
        LocalDate expired = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(50);
        if (exceptions) {
            TenantModel.App sam = partnerPlanting.longSecretApp(pt.hostile.name(partnerName + " CSP Automation (SAM)",
                    0.3));
            expiredAppId = sam.id;
            pt.plant("CSP.MON.1", List.of(sam.id), "app '" + sam.name + "' holds a Partner Center permission and a "
                    + "long-lived client secret; its exception expired on " + expired);
        }
        Plans.Partner partner = partnerContext(pt);
        List<String> approved = approvedAdminAgents(pt);
        List<String> workstations = pt.partnerData.workstations.stream().map(d -> d.deviceId).toList();
        List<SimUser> signInUsers = signInUsers(seed, pt);
        collectorRoles(pt, signInUsers);
        SimTenant partnerTenant = new GraphRenderer(pt).render();
        Set<String> partnerPermissions = new TreeSet<>(Catalog.APP_PERMISSIONS);
        partnerPermissions.addAll(Catalog.APP_WRITE_PERMISSIONS);
        partnerPermissions.add(Catalog.GDAP_PERMISSION);
        partnerPermissions.add("DelegatedAdminRelationship.ReadWrite.All");
        partnerTenant.consent(partnerPermissions);
        List<Planted> planted = new ArrayList<>(pt.planted);
        List<ConfigYaml.BreakGlass> breakGlass = new ArrayList<>();
        breakGlass.add(new ConfigYaml.BreakGlass(partnerTenantId, pt.breakGlass.upn));
        String approver = pt.partnerData.agents.get(0).upn;
        pt = null; // the partner's model is no longer needed: let it go before the customers are built

        // the customers, in parallel: each has its own random stream
        List<CustomerResult> results = customers(o, plans, partner);
        List<SimTenant> tenants = new ArrayList<>();
        tenants.add(partnerTenant);
        String liveTenant = null;
        String liveAppId = null;
        for (int i = 0; i < results.size(); i++) {
            CustomerResult r = results.get(i);
            tenants.add(r.tenant());
            planted.addAll(r.planted());
            String bgUser = switch (i % 3) {
                case 0 -> r.breakGlassId();
                case 1 -> r.breakGlassUpn();
                default -> r.breakGlassUpn().toUpperCase(Locale.ROOT);
            };
            breakGlass.add(new ConfigYaml.BreakGlass(r.tenant().tenantId(), bgUser));
            if (r.liveAppId() != null) {
                liveTenant = r.tenant().tenantId();
                liveAppId = r.liveAppId();
            }
        }
        List<ConfigYaml.Accepted> accepted = new ArrayList<>();
        if (liveAppId != null) {
            accepted.add(new ConfigYaml.Accepted("CSP.APP.1", liveTenant, liveAppId,
                    "Vendor ships the Microsoft Graph build next quarter; the app only reads the signed-in user's "
                            + "profile.", approver, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(130),
                    "live: accepts an app that still asks for Azure AD Graph (not in planted.json)"));
        }
        if (expiredAppId != null) {
            accepted.add(new ConfigYaml.Accepted("CSP.MON.1", partnerTenantId, expiredAppId,
                    "Long-lived client secret kept until the runbooks move to certificate credentials.", approver,
                    expired, "expired: the finding counts again (in planted.json)"));
        }
        String yaml = ConfigYaml.write(seed, plans.size(), breakGlass, approved, workstations,
                PRIVILEGED_ACCOUNT_PATTERN, ACCOUNT_PATTERNS, accepted);
        return new World(seed, now, partnerTenantId, app, tenants, signInUsers, planted, yaml);
    }

    // ---- planning -----------------------------------------------------------------------------------------------

    private static List<Plans.Customer> customers(GeneratorOptions o, Rng master, Hostile hostile) {
        List<Licences.Tier> first = master.sample(List.of(Licences.Tier.FREE, Licences.Tier.P1, Licences.Tier.P2), 3);
        Set<String> slugs = new HashSet<>();
        List<Plans.Customer> plans = new ArrayList<>();
        for (int i = 0; i < o.customers(); i++) {
            String tenantId = master.uuid();
            String a = master.pick(Names.COMPANY_A);
            String b = master.pick(Names.COMPANY_B);
            String name = a + " " + b;
            String slug = Names.slug(a + b);
            int n = 1;
            while (!slugs.add(slug)) {
                slug = Names.slug(a + b) + (++n);
            }
            String tld = master.pick(Names.TLD);
            Licences.Tier tier;
            if (i < first.size()) {
                tier = first.get(i);
            } else {
                double u = master.unit();
                tier = u < 0.3 ? Licences.Tier.FREE : u < 0.7 ? Licences.Tier.P1 : Licences.Tier.P2;
            }
            int size = size(master, o.maxUsers());
            boolean gdap = master.chance(0.88);
            // Every customer consents to the partner's app: world/ is "exactly what a perfect collector would write",
            // and a customer no app token can reach would hold planted violations no collector can find. (Missing
            // consent is exercised by the identity tests on hand-built worlds.) The draw stays, so seeds keep their
            // worlds.
            master.chance(0.92);
            boolean consented = true;
            List<Plans.Subscription> subs = new ArrayList<>();
            switch (tier) {
                case FREE -> subs.add(new Plans.Subscription(master.chance(0.6) ? Catalog.BUSINESS_STANDARD
                        : Catalog.BUSINESS_BASIC, size + master.between(2, 10), false, false, master.uuid()));
                case P1 -> {
                    subs.add(new Plans.Subscription(master.chance(0.7) ? Catalog.BUSINESS_PREMIUM : Catalog.E3,
                            size + master.between(2, 10), false, false, master.uuid()));
                    subs.add(new Plans.Subscription(Catalog.ENTRA_P1, master.between(5, 10), false, false,
                            master.uuid()));
                    if (master.chance(0.2)) {
                        subs.add(new Plans.Subscription(Catalog.ENTRA_P2, 25, true, true, master.uuid()));
                    }
                }
                default -> {
                    subs.add(new Plans.Subscription(master.chance(0.5) ? Catalog.E5 : Catalog.E3,
                            size + master.between(2, 10), false, false, master.uuid()));
                    subs.add(new Plans.Subscription(Catalog.ENTRA_P2, master.between(5, 12), false, false,
                            master.uuid()));
                }
            }
            plans.add(new Plans.Customer(i, tenantId, name, hostile.name(name), slug + "." + tld,
                    slug + ".onmicrosoft.com", tier, size, gdap, consented, new LinkedHashSet<>(),
                    Rng.mix(o.seed(), 1000 + i), false, List.copyOf(subs)));
        }
        return plans;
    }

    /** SMB-heavy: three in four have 5–60 users, most others up to 300, a few up to {@code max}. */
    static int size(Rng r, int max) {
        double u = r.unit();
        int small = Math.min(60, max);
        int mid = Math.min(300, max);
        if (u < 0.75) {
            return logUniform(r, 5, small);
        }
        if (u < 0.96 || mid == max) {
            return logUniform(r, small, mid);
        }
        return logUniform(r, mid, max);
    }

    private static int logUniform(Rng r, int lo, int hi) {
        if (hi <= lo) {
            return lo;
        }
        return (int) Math.round(lo * Math.pow((double) hi / lo, r.unit()));
    }

    /**
     * Per tenant and control, a violation at the violation rate; then every control that got none (and could) gets
     * one in a tenant that can take it. The first customer also carries the app of the live exception.
     */
    private static void decidePlants(GeneratorOptions o, Rng master, List<Plans.Customer> plans,
                                     Set<String> partnerPlants, boolean activeRelationships) {
        double rate = o.violationRate();
        for (String control : Plants.ORDER) {
            int count = 0;
            List<Integer> eligible = new ArrayList<>();
            if (Plants.eligible(control, true, Licences.Tier.P2, false, activeRelationships)) {
                eligible.add(-1);
                if (master.chance(rate)) {
                    partnerPlants.add(control);
                    count++;
                }
            }
            for (Plans.Customer c : plans) {
                if (Plants.eligible(control, false, c.tier(), c.gdapActive(), activeRelationships)) {
                    eligible.add(c.index());
                    if (master.chance(rate)) {
                        c.plants().add(control);
                        count++;
                    }
                }
            }
            if (count == 0 && rate > 0 && !eligible.isEmpty()) {
                int pick = master.pick(eligible);
                if (pick < 0) {
                    partnerPlants.add(control);
                } else {
                    plans.get(pick).plants().add(control);
                }
            }
        }
        if (rate > 0 && !plans.isEmpty()) {
            Plans.Customer c = plans.get(0);
            plans.set(0, new Plans.Customer(c.index(), c.tenantId(), c.name(), c.displayName(), c.defaultDomain(),
                    c.initialDomain(), c.tier(), c.size(), c.gdapActive(), c.consented(), c.plants(), c.seed(), true,
                    c.subscriptions()));
        }
    }

    // ---- the partner as customers see it ------------------------------------------------------------------------

    private static Plans.Partner partnerContext(TenantModel pt) {
        TenantModel.PartnerData p = pt.partnerData;
        List<Plans.PartnerUser> agents = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> members = new ArrayList<>(p.adminAgents.members);
        members.addAll(p.helpdeskAgents.members);
        for (String id : members) {
            User u = pt.user(id);
            if (u != null && u.enabled && !u.touched && u.kind == Kind.AGENT && u.device != null && seen.add(id)) {
                agents.add(partnerUser(pt, u));
            }
        }
        List<Plans.PartnerUser> others = new ArrayList<>();
        for (User u : p.sales) {
            if (u.enabled && u.device != null) {
                others.add(partnerUser(pt, u));
            }
        }
        return new Plans.Partner(pt.tenantId, pt.displayName, pt.defaultDomain, pt.apps.get(0).appId, agents, others);
    }

    private static Plans.PartnerUser partnerUser(TenantModel pt, User u) {
        TenantModel.Device d = u.device;
        String trust = switch (d.trustType) {
            case "AzureAd" -> "Azure AD joined";
            case "ServerAd" -> "Hybrid Azure AD joined";
            default -> "Azure AD registered";
        };
        return new Plans.PartnerUser(u.id, u.upn, u.displayName, d.deviceId, d.name, d.signInOs, d.browser,
                d.compliant, d.managed, trust, pt.place.ipPrefix());
    }

    private static List<String> approvedAdminAgents(TenantModel pt) {
        List<String> out = new ArrayList<>();
        for (String id : pt.partnerData.adminAgents.members) {
            User u = pt.user(id);
            if (u != null && u.approvedAgent) {
                out.add(u.upn);
            }
        }
        return out;
    }

    /**
     * A few partner agents who can sign in: password and TOTP secret (they are simulated people). The first is in
     * AdminAgents and eligible for Global Administrator in the partner; the others are in GDAP-Helpdesk, which every
     * active relationship gives Helpdesk Administrator, Directory Readers and Global Reader (delegated collection),
     * and hold Global Reader in the partner too ({@link #collectorRoles}).
     */
    private static List<SimUser> signInUsers(long seed, TenantModel pt) {
        Rng rng = new Rng(Rng.mix(seed, 4));
        List<SimUser> out = new ArrayList<>();
        List<User> agents = pt.partnerData.agents;
        for (int i : new int[] {0, 3, 5}) {
            User u = agents.get(i);
            out.add(new SimUser(pt.tenantId, u.id, u.upn, "Sim-" + rng.alnum(12) + "!" + rng.digits(2),
                    rng.base32(32)));
        }
        return out;
    }

    /**
     * The sign-in users who collect (the GDAP-Helpdesk agents) hold Global Reader in the partner's own tenant, assigned
     * permanently (a Secure Application Model account): GDAP gives them roles in customers only, and a delegated read
     * of the partner needs a directory role in the token's {@code wids}. Global Reader is not a privileged role of the
     * catalog, so no control's outcome changes. Granted after the partner's violations are planted, so that only the
     * rendering's random draws follow it.
     */
    private static void collectorRoles(TenantModel pt, List<SimUser> signInUsers) {
        TenantModel.Group helpdesk = pt.partnerData.gdapGroups.get(0);
        for (SimUser s : signInUsers) {
            User u = pt.user(s.userId());
            if (u != null && helpdesk.members.contains(u.id)) {
                TenantModel.Grant g = pt.grant(u.id, Catalog.GLOBAL_READER, TenantModel.GrantKind.PERMANENT);
                if (g.start.isBefore(u.created)) {
                    g.start = u.created.plus(Duration.ofDays(1));
                }
            }
        }
    }

    // ---- customers ----------------------------------------------------------------------------------------------

    private record CustomerResult(SimTenant tenant, List<Planted> planted, String breakGlassId, String breakGlassUpn,
                                  String liveAppId) {
    }

    private List<CustomerResult> customers(GeneratorOptions o, List<Plans.Customer> plans, Plans.Partner partner) {
        if (plans.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, plans.size()), r -> {
            Thread t = new Thread(r, "generate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CustomerResult>> futures = new ArrayList<>();
            for (Plans.Customer plan : plans) {
                futures.add(pool.submit(() -> customer(o, plan, partner)));
            }
            List<CustomerResult> results = new ArrayList<>();
            for (Future<CustomerResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the world", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generating a customer failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static CustomerResult customer(GeneratorOptions o, Plans.Customer plan, Plans.Partner partner) {
        TenantModel t = new TenantModel(plan.tenantId(), false, plan.tier(), worldTime(o.seed()),
                new Rng(plan.seed()), new Hostile(o.hostile(), Rng.mix(plan.seed(), 9)));
        new CustomerBuilder(t, plan, partner, o.signInsPerUser()).build();
        Plants plants = new Plants(t, partner, null);
        plants.apply(plan.plants());
        String liveAppId = null;
        if (plan.liveException()) {
            liveAppId = plants.azureAdGraphApp(t.hostile.name("Legacy Inventory Sync")).id;
        }
        plants.licenceInevitable();
        SimTenant tenant = new GraphRenderer(t).render();
        if (plan.consented()) {
            Set<String> permissions = new TreeSet<>(Catalog.APP_PERMISSIONS);
            permissions.addAll(Catalog.APP_WRITE_PERMISSIONS);
            tenant.consent(permissions);
        }
        return new CustomerResult(tenant, List.copyOf(t.planted), t.breakGlass.id, t.breakGlass.upn, liveAppId);
    }
}
