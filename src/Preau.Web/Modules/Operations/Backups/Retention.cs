using System.Globalization;

namespace Preau.Web.Modules.Operations.Backups;

/// <summary>
/// Which scheduled archives to delete: every one of the last <c>days</c> days is kept, and for the last <c>weeks</c>
/// weeks the newest of each week (Monday to Sunday, so the Sunday one when there is one). The newest archive of all is
/// never deleted, whatever the dates say (a clock gone wrong must not wipe the backups).
/// </summary>
internal static class Retention
{
    public const string Prefix = "preau-";
    public const string Extension = ".tar.gz";
    private const string DateFormat = "yyyyMMdd-HHmmss";

    public static string FileName(DateTime utc) => Prefix + utc.ToString(DateFormat, CultureInfo.InvariantCulture) + Extension;

    /// <summary>The UTC time a scheduled archive's name carries, or null for any other file.</summary>
    public static DateTime? DateOf(string fileName) =>
        fileName.StartsWith(Prefix, StringComparison.Ordinal) && fileName.EndsWith(Extension, StringComparison.Ordinal)
        && DateTime.TryParseExact(fileName[Prefix.Length..^Extension.Length], DateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    public static IReadOnlyList<T> ToDelete<T>(IEnumerable<T> archives, Func<T, DateOnly> dayOf, DateOnly today, int days, int weeks)
    {
        var list = archives.OrderByDescending(dayOf).ToList();
        if (list.Count == 0)
        {
            return [];
        }
        var keep = new HashSet<T> { list[0] };
        var weekly = new HashSet<DateOnly>();
        foreach (var archive in list)
        {
            var day = dayOf(archive);
            if (day > today.AddDays(-days))
            {
                keep.Add(archive);
            }
            var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            // Newest first: the first archive seen in a week is that week's last one.
            if (monday > today.AddDays(-7 * weeks) && weekly.Add(monday))
            {
                keep.Add(archive);
            }
        }
        return list.Where(a => !keep.Contains(a)).ToList();
    }
}
