namespace Preau.Web.Platform.Time;

/// <summary>
/// The calendar day of the schools (Europe/Paris). Membership dates are days in that zone: a partner whose
/// access ends on 30 June keeps it until midnight in Paris, not until 22:00 or 23:00 UTC.
/// </summary>
public static class ParisDate
{
    private static readonly TimeZoneInfo Paris = Find();

    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Paris).DateTime);

    /// <summary>A wall-clock time in Paris (a datetime-local input) as UTC, for storage.</summary>
    public static DateTime ToUtc(DateTime parisLocal) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(parisLocal, DateTimeKind.Unspecified), Paris);

    public static DateTime ToParis(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris);
    /// <summary>The UTC instant at which a Paris day begins (date filters over UTC timestamps).</summary>
    public static DateTime StartUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Paris);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
