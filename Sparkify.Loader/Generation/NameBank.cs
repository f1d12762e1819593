namespace Sparkify.Loader.Generation;

/// <summary>Words the generator builds names from; some non-ASCII, as in the real catalogue.</summary>
internal static class NameBank
{
    public static readonly string[] ArtistWords =
    [
        "Velvet", "Echo", "Northern", "Static", "Paper", "Golden", "Silent", "Electric", "Lunar", "Crimson",
        "Björk", "Sigur", "Rós", "Beyoncé", "Motörhead", "Mötley", "Café", "Señor", "Zoë", "Ångström",
        "東京", "Лето", "Δέλτα", "Orchestra", "Brothers", "Collective", "Kings", "Machine", "Choir", "Trio",
    ];

    public static readonly string[] TitleWords =
    [
        "Love", "Night", "Heart", "Fire", "River", "Dream", "Road", "Light", "Rain", "Summer",
        "Corazón", "Noël", "Über", "Straße", "Niño", "Ça", "Déjà", "Vu", "夜", "Sehnsucht",
        "Blue", "Home", "Again", "Forever", "Tonight", "Away", "Alone", "Gold", "Stars", "Wild",
    ];

    public static readonly string[] Places =
    [
        "New York, NY", "Los Angeles, CA", "London, England", "Reykjavík, Iceland", "São Paulo, Brazil",
        "Montréal, Québec", "Berlin, Germany", "Tokyo, Japan", "Chicago, IL", "Nashville, TN", "",
    ];

    public static readonly string[] FirstNames =
    [
        "Walter", "Kaylee", "Jacob", "Lily", "Chloe", "Aleena", "Tegan", "Jayden", "Ava", "Mohammad",
        "Zoë", "José", "Renée", "Chloé", "Søren", "Aurora", "Matthew", "Emily", "Noah", "Sara",
    ];

    public static readonly string[] LastNames =
    [
        "Frye", "Summers", "Garcia", "Koch", "Cuevas", "Kirby", "Levine", "Graves", "Robinson", "Rodriguez",
        "Müller", "Núñez", "Østergaard", "O'Brien", "Smith", "Nguyen", "Lee", "Brown", "Patel", "Kim",
    ];

    public static readonly string[] Metros =
    [
        "San Francisco-Oakland-Hayward, CA", "Phoenix-Mesa-Scottsdale, AZ", "Atlanta-Sandy Springs-Roswell, GA",
        "Chicago-Naperville-Elgin, IL-IN-WI", "New York-Newark-Jersey City, NY-NJ-PA", "Tampa-St. Petersburg-Clearwater, FL",
        "Portland-South Portland, ME", "Lansing-East Lansing, MI", "Houston-The Woodlands-Sugar Land, TX",
    ];

    public static readonly string[] UserAgents =
    [
        "\"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36\"",
        "\"Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/35.0.1916.153 Safari/537.36\"",
        "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0",
        "\"Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53\"",
        "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36\"",
    ];

    /// <summary>Pages a logged-in user visits between songs, with NextSong far the most frequent.</summary>
    public static readonly string[] BrowsingPages =
        ["Home", "Settings", "Help", "About", "Add to Playlist", "Thumbs Up", "Thumbs Down", "Add Friend", "Save Settings", "Error"];

    public static readonly string[] LoggedOutPages = ["Home", "Login", "About", "Help"];
}
