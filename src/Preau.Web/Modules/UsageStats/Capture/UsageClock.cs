namespace Preau.Web.Modules.UsageStats.Capture;

/// <summary>Paris time for days and hours of use (a login at 23:30 in Paris belongs to that evening, not to UTC's next day).</summary>
public static class UsageClock
{
    private static readonly TimeZoneInfo Paris = Find();

    public static DateTime ToParis(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris);

    public static DateTime FromParis(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Paris);

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
