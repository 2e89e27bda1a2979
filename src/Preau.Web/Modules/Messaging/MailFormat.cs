using System.Globalization;

namespace Preau.Web.Modules.Messaging;

public static class MailFormat
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"mardi 3 mars à 18:05", in the schools' time zone.</summary>
    public static string When(DateTime utc) =>
        Platform.Time.ParisDate.ToParis(utc).ToString("dddd d MMMM 'à' HH:mm", French);

    /// <summary>The original quoted under a reply: "> " before each line.</summary>
    public static string Quote(string sender, DateTime sentAtUtc, string body) =>
        $"\n\n— {When(sentAtUtc)}, {sender} a écrit :\n" + string.Join('\n', body.Split('\n').Select(l => "> " + l));
}
