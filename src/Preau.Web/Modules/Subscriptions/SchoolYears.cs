using System.Globalization;

namespace Preau.Web.Modules.Subscriptions;

/// <summary>
/// School years as the conventions count them: "2026-2027" runs from 1 August 2026 to 31 July 2027 (the same turn of
/// the year as the rest of the platform), so that consecutive yearly subscriptions leave no uncovered day.
/// </summary>
public static class SchoolYears
{
    public static int StartYear(DateOnly day) => day.Month >= 8 ? day.Year : day.Year - 1;

    public static string Label(int startYear) => $"{startYear}-{startYear + 1}";

    public static string Current(DateOnly day) => Label(StartYear(day));

    public static string Next(DateOnly day) => Label(StartYear(day) + 1);

    public static bool TryParse(string? label, out int startYear)
    {
        startYear = 0;
        return label is { Length: 9 } && label[4] == '-'
            && int.TryParse(label.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out startYear)
            && int.TryParse(label.AsSpan(5, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && end == startYear + 1;
    }

    public static DateOnly StartsOn(int startYear) => new(startYear, 8, 1);

    public static DateOnly EndsOn(int startYear) => new(startYear + 1, 7, 31);
}
