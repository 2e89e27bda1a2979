namespace Preau.Web.Platform.Time;

/// <summary>
/// The calendar day of the schools (Europe/Paris). Membership dates are days in that zone: a partner whose
/// access ends on 30 June keeps it until midnight in Paris, not until 22:00 or 23:00 UTC.
/// </summary>
public static class ParisDate
{
    /// <summary>The schools' time zone; every conversion of the app goes through this class.</summary>
    public static readonly TimeZoneInfo Zone = Find();

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time));

    /// <summary>The wall-clock time in Paris now.</summary>
    public static DateTime Now(TimeProvider time) => ToParis(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// A wall-clock time in Paris (a datetime-local input) as UTC, for storage. A time that does not exist (the spring
    /// change: 2:30 on the last Sunday of March) moves one hour later, as calendars do, instead of failing the form; a
    /// time that exists twice (the autumn change) is taken in winter time, the second of the two.
    /// </summary>
    public static DateTime ToUtc(DateTime parisLocal)
    {
        var local = DateTime.SpecifyKind(parisLocal, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    public static DateTime ToParis(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The UTC instant at which a Paris day begins (date filters over UTC timestamps).</summary>
    public static DateTime StartUtc(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

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
