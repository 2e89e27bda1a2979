using System.Globalization;

namespace Preau.Web.Platform.Data;

/// <summary>
/// Values in the forms EF Core's SQLite provider writes and compares with, for the few statements written by hand
/// (bulk inserts, upserts): upper-case GUID text, ISO dates, timestamps with their fraction trimmed.
/// </summary>
public static class SqliteForms
{
    public static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture),
        _ => value,
    };
}
