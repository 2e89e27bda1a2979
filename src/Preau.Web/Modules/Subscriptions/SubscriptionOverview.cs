using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Subscriptions.Data;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Subscriptions;

/// <summary>One collectivité's coverage for one school year.</summary>
public sealed record AuthorityYear(string Status, int SchoolsCovered, int Pupils, int Accounts, IReadOnlyList<Guid> CoveredSchoolIds);

public sealed record AuthorityRow(Guid Id, string Name, LocalAuthorityKind Kind, string? Code, int Schools, AuthorityYear ThisYear, AuthorityYear NextYear);

public sealed record SchoolRow(Guid Id, Guid AuthorityId, string Name, string Uai, int Pupils, int Accounts);

/// <summary>The overview of both years, its totals and the schools with their head counts.</summary>
public sealed record Overview(string ThisYear, string NextYear, IReadOnlyList<AuthorityRow> Rows, IReadOnlyList<SchoolRow> Schools)
{
    public int Total(Func<AuthorityYear, int> value, bool next) => Rows.Sum(r => value(next ? r.NextYear : r.ThisYear));
}

/// <summary>
/// Which collectivités and schools are covered this year (today, so an expired trial no longer counts) and next year
/// (any subscription recorded for it), with the pupils and accounts of the covered schools. A constant number of
/// queries whatever the size of the territory; head counts are this year's (next year's are not known yet).
/// </summary>
public sealed class SubscriptionOverview(PreauDbContext db, SchoolCoverage coverage, TimeProvider time)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public async Task<Overview> BuildAsync(IReadOnlyCollection<Guid>? onlyAuthorities = null, CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        var thisYear = SchoolYears.Current(today);
        var nextYear = SchoolYears.Next(today);
        var authorities = await db.LocalAuthorities.AsNoTracking()
            .Where(a => !a.IsArchived && (onlyAuthorities == null || onlyAuthorities.Contains(a.Id)))
            .OrderBy(a => a.Name).ToListAsync(ct);
        var ids = authorities.Select(a => a.Id).ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => !s.IsArchived && ids.Contains(s.LocalAuthorityId))
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.LocalAuthorityId, s.Name, s.Uai }).ToListAsync(ct);
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => ids.Contains(s.LocalAuthorityId) && (s.YearLabel == thisYear || s.YearLabel == nextYear)).ToListAsync(ct);
        var subscriptionIds = subscriptions.Select(s => s.Id).ToList();
        var listed = (await db.SubscriptionSchools.AsNoTracking().Where(l => subscriptionIds.Contains(l.SubscriptionId)).ToListAsync(ct))
            .ToLookup(l => l.SubscriptionId, l => l.SchoolId);
        var coveredToday = await coverage.CoveredSchoolsAsync(today, ct);
        var (pupils, accounts) = await HeadCountsAsync(today, ct);

        var schoolsOf = schools.ToLookup(s => s.LocalAuthorityId, s => s.Id);
        AuthorityYear Year(Guid authorityId, string label, Func<Guid, bool> covered)
        {
            var own = subscriptions.Where(s => s.LocalAuthorityId == authorityId && s.YearLabel == label).ToList();
            var coveredIds = schoolsOf[authorityId].Where(covered).ToList();
            return new AuthorityYear(Status(own, today), coveredIds.Count,
                coveredIds.Sum(id => pupils.GetValueOrDefault(id)), coveredIds.Sum(id => accounts.GetValueOrDefault(id)), coveredIds);
        }
        var next = subscriptions.Where(s => s.YearLabel == nextYear).ToList();
        var nextCovered = schools.Where(s => next.Any(x => x.LocalAuthorityId == s.LocalAuthorityId && (x.AllSchools || listed[x.Id].Contains(s.Id))))
            .Select(s => s.Id).ToHashSet();
        var rows = authorities.Select(a => new AuthorityRow(a.Id, a.Name, a.Kind, a.OfficialCode, schoolsOf[a.Id].Count(),
            Year(a.Id, thisYear, coveredToday.Contains), Year(a.Id, nextYear, nextCovered.Contains))).ToList();
        return new Overview(thisYear, nextYear, rows,
            [.. schools.Select(s => new SchoolRow(s.Id, s.LocalAuthorityId, s.Name, s.Uai, pupils.GetValueOrDefault(s.Id), accounts.GetValueOrDefault(s.Id)))]);
    }

    private static string Status(IReadOnlyList<Subscription> own, DateOnly today)
    {
        if (own.Count == 0)
        {
            return "Non abonnée";
        }
        if (own.Any(s => s.Kind == SubscriptionKind.SchoolYear))
        {
            return "Abonnée";
        }
        var end = own.Max(s => s.EndsOn);
        return end < today
            ? $"Essai terminé le {end.ToString("dd/MM/yyyy", French)}"
            : $"Essai jusqu'au {end.ToString("dd/MM/yyyy", French)}";
    }

    /// <summary>Pupils, and accounts (pupils, their guardians, the staff) per school this year: two grouped queries.</summary>
    private async Task<(Dictionary<Guid, int> Pupils, Dictionary<Guid, int> Accounts)> HeadCountsAsync(DateOnly today, CancellationToken ct)
    {
        var yearId = await db.SchoolYears.AsNoTracking().Where(y => y.IsCurrent).Select(y => (Guid?)y.Id).FirstOrDefaultAsync(ct);
        var classes = db.Classes.AsNoTracking().Where(c => c.SchoolYearId == yearId && !c.IsArchived);
        var current = db.Memberships.AsNoTracking().Where(m => m.EndsOn == null || m.EndsOn >= today);
        var pupilPairs = from m in current.Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class)
                         join c in classes on m.ScopeId equals (Guid?)c.Id
                         select new { c.SchoolId, m.PersonId };
        var guardianPairs = from p in pupilPairs
                            join l in db.GuardianLinks.AsNoTracking() on p.PersonId equals l.PupilId
                            select new { p.SchoolId, PersonId = l.GuardianId };
        var classStaff = from m in current.Where(m => (m.Role == Role.Teacher || m.Role == Role.SchoolStaff) && m.ScopeType == ScopeType.Class)
                         join c in classes on m.ScopeId equals (Guid?)c.Id
                         select new { c.SchoolId, m.PersonId };
        var schoolStaff = current.Where(m => (m.Role == Role.Director || m.Role == Role.Teacher || m.Role == Role.SchoolStaff)
                && m.ScopeType == ScopeType.School && m.ScopeId != null)
            .Select(m => new { SchoolId = m.ScopeId!.Value, m.PersonId });
        var pupils = await pupilPairs.Distinct().GroupBy(x => x.SchoolId).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var accounts = await pupilPairs.Concat(guardianPairs).Concat(classStaff).Concat(schoolStaff).Distinct()
            .GroupBy(x => x.SchoolId).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return (pupils, accounts);
    }

    /// <summary>The CSV of the conventions' yearly review: one line per collectivité and year, then the schools.</summary>
    public static byte[] Csv(Overview o)
    {
        var sb = new StringBuilder();
        void Line(params object?[] cells) =>
            sb.Append(string.Join(';', cells.Select(c => Quote(Convert.ToString(c, CultureInfo.InvariantCulture) ?? "")))).Append("\r\n");
        Line("Collectivité", "Type", "Code officiel", "Année scolaire", "Situation", "Écoles de la collectivité", "Écoles couvertes", "Élèves couverts", "Comptes couverts");
        foreach (var (label, next) in new[] { (o.ThisYear, false), (o.NextYear, true) })
        {
            foreach (var r in o.Rows)
            {
                var y = next ? r.NextYear : r.ThisYear;
                Line(r.Name, r.Kind == LocalAuthorityKind.MunicipalGroup ? "Groupement" : "Commune", r.Code, label, y.Status, r.Schools, y.SchoolsCovered, y.Pupils, y.Accounts);
            }
            Line("Total", "", "", label, "", o.Rows.Sum(r => r.Schools), o.Total(y => y.SchoolsCovered, next), o.Total(y => y.Pupils, next), o.Total(y => y.Accounts, next));
        }
        sb.Append("\r\n");
        Line("Collectivité", "École", "UAI", $"Couverte {o.ThisYear}", $"Couverte {o.NextYear}", "Élèves", "Comptes");
        var names = o.Rows.ToDictionary(r => r.Id);
        foreach (var s in o.Schools.OrderBy(s => names[s.AuthorityId].Name).ThenBy(s => s.Name))
        {
            var r = names[s.AuthorityId];
            Line(r.Name, s.Name, s.Uai, r.ThisYear.CoveredSchoolIds.Contains(s.Id) ? "oui" : "non", r.NextYear.CoveredSchoolIds.Contains(s.Id) ? "oui" : "non", s.Pupils, s.Accounts);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    // Spreadsheet software would run a cell starting with = + - @ as a formula: prefix those with a quote.
    private static string Quote(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0]))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
