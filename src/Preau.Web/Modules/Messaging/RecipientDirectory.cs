using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Messaging;

/// <summary>A choice of the recipient picker: a person (<c>p:id</c>) or a group expanded at send time.</summary>
public sealed record RecipientChoice(string Token, string Label, string? Detail = null)
{
    public bool IsGroup => !Token.StartsWith("p:", StringComparison.Ordinal);
}

/// <summary>
/// The groups a person may address and their expansion into people: « Familles de la classe » (teachers of the
/// class, its school's director), « Personnel de l'école » (the school's staff), « Membres du groupe » (members).
/// Every person of an expansion is still checked by <see cref="CommunicationRules"/> when sending.
/// </summary>
public sealed class RecipientDirectory(PreauDbContext db, TimeProvider time)
{
    public const string ClassFamilies = "cf:";
    public const string SchoolStaff = "st:";
    public const string WorkGroup = "g:";
    public const string Person = "p:";

    /// <summary>The groups <paramref name="a"/> may address, in three queries at most.</summary>
    public async Task<IReadOnlyList<RecipientChoice>> GroupChoicesAsync(Access a, CancellationToken ct)
    {
        var choices = new List<RecipientChoice>();
        var taught = a.Memberships.Where(m => m.Role == Role.Teacher && m.ScopeType == ScopeType.Class && m.ScopeId != null).Select(m => m.ScopeId!.Value).ToList();
        var directed = a.DirectedSchoolIds.ToList();
        if (taught.Count > 0 || directed.Count > 0)
        {
            var classes = await db.Classes.AsNoTracking().Where(c => !c.IsArchived && (taught.Contains(c.Id) || directed.Contains(c.SchoolId)))
                .OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
            choices.AddRange(classes.Select(c => new RecipientChoice(ClassFamilies + c.Id, $"Familles de la classe {c.Name}")));
        }
        var schoolIds = a.StaffSchoolIds.ToList();
        if (schoolIds.Count > 0)
        {
            var schools = await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id)).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
            choices.AddRange(schools.Select(s => new RecipientChoice(SchoolStaff + s.Id, $"Personnel de l'école {s.Name}")));
        }
        var groupIds = a.GroupIds.ToList();
        if (groupIds.Count > 0)
        {
            var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id) && !g.IsArchived).OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
            choices.AddRange(groups.Select(g => new RecipientChoice(WorkGroup + g.Id, $"Membres du groupe {g.Name}")));
        }
        return choices;
    }

    /// <summary>Names for the chosen tokens (people by name, groups by their label); unknown tokens are dropped.</summary>
    public async Task<IReadOnlyList<RecipientChoice>> DescribeAsync(IEnumerable<string> tokens, IReadOnlyList<RecipientChoice> groups, CancellationToken ct)
    {
        var list = tokens.Distinct().ToList();
        var personIds = list.Select(PersonIdOf).OfType<Guid>().ToList();
        var names = personIds.Count == 0 ? [] : await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.FirstName + " " + p.LastName, ct);
        var result = new List<RecipientChoice>();
        foreach (var t in list)
        {
            if (PersonIdOf(t) is { } id)
            {
                if (names.TryGetValue(id, out var name))
                {
                    result.Add(new RecipientChoice(t, name));
                }
            }
            else if (groups.FirstOrDefault(g => g.Token == t) is { } g)
            {
                result.Add(g);
            }
        }
        return result;
    }

    /// <summary>
    /// The people behind the chosen tokens, without duplicates (a guardian of two pupils of the class is one
    /// recipient), in one query per kind of group. Group tokens the person may not address are ignored.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ExpandAsync(IEnumerable<string> tokens, IReadOnlyList<RecipientChoice> allowedGroups, CancellationToken ct)
    {
        var list = tokens.Distinct().ToList();
        var allowed = allowedGroups.Select(g => g.Token).ToHashSet();
        var people = new List<Guid>(list.Select(PersonIdOf).OfType<Guid>());
        var today = Platform.Time.ParisDate.Today(time);
        var classes = IdsOf(list, ClassFamilies, allowed);
        if (classes.Count > 0)
        {
            people.AddRange(await (
                from m in db.Memberships.AsNoTracking()
                where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && classes.Contains(m.ScopeId!.Value)
                    && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                join l in db.GuardianLinks.AsNoTracking() on m.PersonId equals l.PupilId
                select l.GuardianId).Distinct().ToListAsync(ct));
        }
        var schools = IdsOf(list, SchoolStaff, allowed);
        if (schools.Count > 0)
        {
            var schoolClasses = db.Classes.Where(c => schools.Contains(c.SchoolId) && !c.IsArchived).Select(c => c.Id);
            people.AddRange(await db.Memberships.AsNoTracking()
                .Where(m => (m.Role == Role.Director || m.Role == Role.Teacher || m.Role == Role.SchoolStaff)
                    && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                    && ((m.ScopeType == ScopeType.School && schools.Contains(m.ScopeId!.Value))
                        || (m.ScopeType == ScopeType.Class && schoolClasses.Contains(m.ScopeId!.Value))))
                .Select(m => m.PersonId).Distinct().ToListAsync(ct));
        }
        var groups = IdsOf(list, WorkGroup, allowed);
        if (groups.Count > 0)
        {
            people.AddRange(await db.GroupMembers.AsNoTracking()
                .Where(g => groups.Contains(g.GroupId) && (g.EndsOn == null || g.EndsOn >= today) && (g.StartsOn == null || g.StartsOn <= today))
                .Select(g => g.PersonId)
                .Union(db.Memberships.Where(m => m.ScopeType == ScopeType.Group && groups.Contains(m.ScopeId!.Value)
                    && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)).Select(m => m.PersonId))
                .ToListAsync(ct));
        }
        return [.. people.Distinct()];
    }

    public static Guid? PersonIdOf(string token) =>
        token.StartsWith(Person, StringComparison.Ordinal) && Guid.TryParse(token.AsSpan(Person.Length), out var id) ? id : null;

    private static List<Guid> IdsOf(List<string> tokens, string prefix, HashSet<string> allowed) =>
        [.. tokens.Where(t => t.StartsWith(prefix, StringComparison.Ordinal) && allowed.Contains(t))
            .Select(t => Guid.TryParse(t.AsSpan(prefix.Length), out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];
}
