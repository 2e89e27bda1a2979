using System.Globalization;
using Preau.Web.Platform.Time;

namespace Preau.Web.Modules.Training;

/// <summary>Sessions are chosen and shown in the schools' time, Europe/Paris; stored in UTC.</summary>
public static class TrainingTime
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"mardi 3 mars 2027 de 14:00 à 17:00" (or to another day).</summary>
    public static string Span(DateTime startsUtc, DateTime endsUtc)
    {
        var (s, e) = (ParisDate.ToParis(startsUtc), ParisDate.ToParis(endsUtc));
        return s.Date == e.Date
            ? $"{s.ToString("dddd d MMMM yyyy 'de' HH:mm", French)} à {e.ToString("HH:mm", French)}"
            : $"{s.ToString("dddd d MMMM yyyy 'à' HH:mm", French)} au {e.ToString("dddd d MMMM yyyy 'à' HH:mm", French)}";
    }

    /// <summary>The first instant (UTC) of the Paris day after <paramref name="day"/>.</summary>
    public static DateTime EndOfParisDay(DateOnly day) => ParisDate.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
}
