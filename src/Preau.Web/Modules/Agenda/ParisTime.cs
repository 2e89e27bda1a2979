using System.Globalization;

namespace Preau.Web.Modules.Agenda;

/// <summary>Agendas are entered and shown in Paris time and stored in UTC.</summary>
internal static class ParisTime
{
    public const string ZoneId = "Europe/Paris";
    public static readonly TimeZoneInfo Zone = Platform.Time.ParisDate.Zone;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static DateTime ToLocal(DateTime utc) => Platform.Time.ParisDate.ToParis(utc);

    /// <summary>A wall-clock time that does not exist (the spring change) moves one hour later, as calendars do.</summary>
    public static DateTime ToUtc(DateTime local) => Platform.Time.ParisDate.ToUtc(local);

    public static DateTime MidnightUtc(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToLocal(time.GetUtcNow().UtcDateTime));

    /// <summary>« mardi 3 mars » as the product writes dates.</summary>
    public static string Day(DateOnly day) => day.ToString("dddd d MMMM", French);

    public static string DayWithYear(DateOnly day) => day.ToString("dddd d MMMM yyyy", French);

    public static string Month(DateOnly day) => day.ToString("MMMM yyyy", French);

    public static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
