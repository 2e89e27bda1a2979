using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Agenda.Holidays;

/// <summary>
/// The school holidays: read from a CSV (zone;nom;premier_jour;dernier_jour) or an iCalendar file (one zone, given
/// apart), then stored in place of the previous periods, all or nothing. Préau ships a file (embedded) for the first start.
/// </summary>
public sealed class HolidayStore(PreauDbContext db, TimeProvider time)
{
    public const int MaxBytes = 512 * 1024;
    public static readonly string[] Zones = ["A", "B", "C"];

    public static string ShippedCsv()
    {
        using var stream = typeof(HolidayStore).Assembly.GetManifestResourceStream("Preau.Agenda.vacances-scolaires.csv")
            ?? throw new InvalidOperationException("The holiday file is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Parses a CSV; errors are French, with line numbers.</summary>
    internal static (List<HolidayPeriod> Periods, List<string> Errors) ParseCsv(string text)
    {
        var periods = new List<HolidayPeriod>();
        var errors = new List<string>();
        var lines = text.Replace("\r", "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("zone;", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var cells = line.Split(line.Contains(';') ? ';' : ',');
            if (cells.Length != 4)
            {
                errors.Add($"Ligne {i + 1} : quatre colonnes attendues (zone;nom;premier_jour;dernier_jour).");
                continue;
            }
            var zone = cells[0].Trim().ToUpperInvariant();
            if (!Zones.Contains(zone))
            {
                errors.Add($"Ligne {i + 1} : la zone doit être A, B ou C.");
                continue;
            }
            if (!DateOnly.TryParseExact(cells[2].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
                || !DateOnly.TryParseExact(cells[3].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last))
            {
                errors.Add($"Ligne {i + 1} : dates attendues au format AAAA-MM-JJ.");
                continue;
            }
            if (last < first || string.IsNullOrWhiteSpace(cells[1]))
            {
                errors.Add($"Ligne {i + 1} : un nom et un dernier jour postérieur au premier sont attendus.");
                continue;
            }
            periods.Add(new HolidayPeriod { Zone = zone, Name = cells[1].Trim()[..Math.Min(100, cells[1].Trim().Length)], FirstDay = first, LastDay = last });
        }
        if (periods.Count == 0 && errors.Count == 0)
        {
            errors.Add("Le fichier ne contient aucune période de vacances.");
        }
        return (periods, errors);
    }

    /// <summary>Parses an iCalendar file whose events are the holidays of one zone (an all-day DTEND is the day after the last).</summary>
    internal static (List<HolidayPeriod> Periods, List<string> Errors) ParseIcs(string text, string zone)
    {
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            calendar = null;
        }
        if (calendar is null)
        {
            return ([], ["Le fichier n'est pas un fichier iCalendar (.ics) lisible."]);
        }
        var periods = new List<HolidayPeriod>();
        foreach (var e in calendar.Events)
        {
            if (e.DtStart is null || string.IsNullOrWhiteSpace(e.Summary))
            {
                continue;
            }
            var first = e.DtStart.Date;
            var end = e.DtEnd?.Date ?? first.AddDays(1);
            var last = e.DtStart.HasTime ? end : end.AddDays(-1);
            periods.Add(new HolidayPeriod { Zone = zone, Name = e.Summary.Trim()[..Math.Min(100, e.Summary.Trim().Length)], FirstDay = first, LastDay = last < first ? first : last });
        }
        return periods.Count == 0 ? ([], ["Le fichier ne contient aucune période de vacances."]) : (periods, []);
    }

    /// <summary>Replaces the stored periods: all zones for a CSV, the file's zone for an iCalendar file.</summary>
    internal async Task ReplaceAsync(IReadOnlyCollection<HolidayPeriod> periods, string? onlyZone, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await (onlyZone is null ? db.AgendaHolidays : db.AgendaHolidays.Where(h => h.Zone == onlyZone)).ExecuteDeleteAsync(ct);
        db.AgendaHolidays.AddRange(periods);
        var settings = await SettingsAsync(ct);
        settings.HolidaysUpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        // Every agenda page keeps the holidays under the access stamp (AgendaQueries); the bulk delete above does not
        // raise it by itself.
        await Platform.Auth.AccessStamp.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    internal async Task SetZoneAsync(string zone, CancellationToken ct)
    {
        (await SettingsAsync(ct)).Zone = zone;
        await db.SaveChangesAsync(ct);
    }

    private async Task<AgendaSettings> SettingsAsync(CancellationToken ct)
    {
        var settings = db.AgendaSettings.Local.FirstOrDefault() ?? await db.AgendaSettings.OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new AgendaSettings();
            db.AgendaSettings.Add(settings);
        }
        return settings;
    }
}
