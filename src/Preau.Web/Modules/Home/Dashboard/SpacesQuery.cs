using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home.Dashboard;

public sealed record SpaceService(string Key, string Name, string Icon, string Url);

/// <summary>One space of the home page: a class, a school, a group, a collectivité, a circonscription, or a child.</summary>
/// <summary>A management page of a space, for those who run it (director, teacher).</summary>
public sealed record SpaceTool(string Label, string Url);

public sealed record Space(ScopeType ScopeType, Guid ScopeId, string Kind, string Title, string? Subtitle, IReadOnlyList<SpaceService> Services, IReadOnlyList<SpaceTool> Tools);

/// <summary>Builds the spaces of the current person in a fixed number of queries, whatever their roles.</summary>
public sealed class SpacesQuery(AccessContext context, PreauDbContext db, ServiceCatalog catalog)
{
    public async Task<IReadOnlyList<Space>> GetAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var staffClasses = a.StaffClassIds.ToHashSet();
        var pupilClasses = a.PupilClassIds.ToHashSet();
        var childClasses = a.ChildClassIds.ToHashSet();
        var classIds = staffClasses.Concat(pupilClasses).Concat(childClasses).ToList();
        var schoolIds = a.StaffSchoolIds.ToHashSet();

        var classes = await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id) && !c.IsArchived)
            .Select(c => new { c.Id, c.Name, c.SchoolId, c.Levels }).ToListAsync(ct);
        var schoolIdsAll = schoolIds.Concat(classes.Select(c => c.SchoolId)).Distinct().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => schoolIdsAll.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var groupIds = a.GroupIds.ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id) && !g.IsArchived).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var authorityIds = a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).ToList();
        var authorities = await db.LocalAuthorities.AsNoTracking().Where(l => authorityIds.Contains(l.Id)).Select(l => new { l.Id, l.Name }).ToListAsync(ct);
        var districtIds = a.ScopeIds(Role.Advisor, ScopeType.District).ToList();
        var districts = await db.Districts.AsNoTracking().Where(d => districtIds.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var childIds = a.ChildIds.ToList();
        var children = await db.Persons.AsNoTracking().Where(p => childIds.Contains(p.Id))
            .OrderBy(p => p.FirstName).Select(p => new { p.Id, p.FirstName, p.LastName }).ToListAsync(ct);
        var childClassOf = await db.Memberships.AsNoTracking()
            .Where(m => childIds.Contains(m.PersonId) && m.Role == Role.Pupil && m.ScopeType == ScopeType.Class)
            .Select(m => new { m.PersonId, m.ScopeId }).ToListAsync(ct);

        var scopeIds = classes.Select(c => c.Id).Concat(schools.Keys).Concat(groups.Select(g => g.Id)).ToList();
        var settings = await db.ServiceSettings.AsNoTracking().Where(s => scopeIds.Contains(s.ScopeId)).ToListAsync(ct);

        IReadOnlyList<SpaceService> ServicesOf(ScopeType scope, Guid id, Guid? parentSchool = null) =>
        [
            .. catalog.All.Where(s => s.Scopes.Contains(scope)
                    && IsEnabled(settings, s, scope, id)
                    && (parentSchool is null || IsEnabled(settings, s, ScopeType.School, parentSchool.Value)))
                .Select(s => new SpaceService(s.Key, s.Name, s.Icon, s.Url(scope, id))),
        ];

        var spaces = new List<Space>();
        foreach (var child in children)
        {
            foreach (var m in childClassOf.Where(m => m.PersonId == child.Id))
            {
                var c = classes.FirstOrDefault(x => x.Id == m.ScopeId);
                if (c is null)
                {
                    continue;
                }
                spaces.Add(new Space(ScopeType.Class, c.Id, "Mon enfant", child.FirstName + " " + child.LastName,
                    $"{c.Name} — {schools.GetValueOrDefault(c.SchoolId)}", ServicesOf(ScopeType.Class, c.Id, c.SchoolId), []));
            }
        }
        foreach (var c in classes.Where(c => staffClasses.Contains(c.Id) || pupilClasses.Contains(c.Id)).OrderBy(c => c.Name))
        {
            IReadOnlyList<SpaceTool> tools = staffClasses.Contains(c.Id) && (a.TeachesClass(c.Id) || a.IsDirectorOf(c.SchoolId))
                ? [new("Services de la classe", $"/classe/{c.Id}/services")]
                : [];
            spaces.Add(new Space(ScopeType.Class, c.Id, pupilClasses.Contains(c.Id) ? "Ma classe" : "Classe", c.Name,
                schools.GetValueOrDefault(c.SchoolId), ServicesOf(ScopeType.Class, c.Id, c.SchoolId), tools));
        }
        foreach (var id in schoolIds.OrderBy(id => schools.GetValueOrDefault(id)))
        {
            spaces.Add(new Space(ScopeType.School, id, "École", schools.GetValueOrDefault(id) ?? "", null,
                ServicesOf(ScopeType.School, id), a.IsDirectorOf(id)
                    ? [new("Classes", $"/ecole/{id}/classes"), new("Import ONDE", $"/ecole/{id}/import"), new("Import des personnels", $"/ecole/{id}/import-personnels"), new("Services de l'école", $"/ecole/{id}/services")]
                    : []));
        }
        spaces.AddRange(groups.OrderBy(g => g.Name).Select(g => new Space(ScopeType.Group, g.Id, "Groupe", g.Name, null, ServicesOf(ScopeType.Group, g.Id), [])));
        spaces.AddRange(authorities.Select(l => new Space(ScopeType.LocalAuthority, l.Id, "Collectivité", l.Name, null, [], [])));
        spaces.AddRange(districts.Select(d => new Space(ScopeType.District, d.Id, "Circonscription", d.Name, null, [], [])));
        return spaces;
    }

    internal static bool IsEnabled(IEnumerable<Data.ServiceSetting> settings, ServiceDefinition service, ScopeType scope, Guid id) =>
        settings.FirstOrDefault(s => s.ScopeType == scope && s.ScopeId == id && s.ServiceKey == service.Key)?.Enabled ?? service.EnabledByDefault;
}
