package io.cspguard.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/** Plausible company and person names for synthetic tenants and findings (the dashboard shows them). */
final class SyntheticNames {
    private static final String[] FIRST = {"Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Litware",
            "Adatum", "Proseware", "Wingtip", "Lucerne", "Alpine", "Blue Yonder", "Coho", "Fourth Coffee", "Margie's",
            "Trey", "Wide World", "Humongous", "Graphic Design", "School of Fine Art", "VanArsdel", "Relecloud",
            "Consolidated", "Munson's", "Bellows", "Southridge", "Datum", "Nod", "Lamna", "Best For You"};
    private static final String[] SECOND = {"Traders", "Logistics", "Legal", "Dental", "Engineering", "Insurance",
            "Pharmaceuticals", "Bakery", "Architects", "Motors", "Travel", "Electric", "Textiles", "Foods", "Consulting",
            "Clinic", "Realty", "Accountants", "Media", "Freight"};
    private static final String[] SUFFIX = {"Ltd", "GmbH", "S.A.", "Inc.", "B.V.", "AG", "LLC", "S.r.l.", "Oy", "AB"};
    private static final String[] GIVEN = {"Ann", "Bob", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Ines",
            "Jonas", "Kofi", "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma",
            "Viktor", "Wei", "Yara", "Zoë"};
    private static final String[] FAMILY = {"Smith", "Müller", "García", "Rossi", "Kowalski", "Nguyen", "Okafor", "Dubois",
            "Jensen", "Silva", "Novak", "Haddad", "Tanaka", "O'Brien", "Petrov", "Larsen", "Costa", "Weber", "Ali", "Berg"};

    private SyntheticNames() {
    }

    static String company(SplittableRandom r) {
        return FIRST[r.nextInt(FIRST.length)] + " " + SECOND[r.nextInt(SECOND.length)] + " "
                + SUFFIX[r.nextInt(SUFFIX.length)];
    }

    /** The tenant's initial domain, derived from its name and id so that it is unique. */
    static String domain(String company, String tenantId) {
        String word = company.split(" ")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return word + tenantId.substring(0, 4) + ".onmicrosoft.com";
    }

    static String person(SplittableRandom r) {
        return GIVEN[r.nextInt(GIVEN.length)] + " " + FAMILY[r.nextInt(FAMILY.length)];
    }

    static String upn(String person, int n, String domain) {
        String local = person.toLowerCase(Locale.ROOT).replace(' ', '.').replaceAll("[^a-z.]", "");
        return local + (n == 0 ? "" : Integer.toString(n)) + "@" + domain;
    }
}
