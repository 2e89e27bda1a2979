using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs.SchoolSheets;

public sealed record SheetBlog(string Slug, string Title, string Space, string Year);

/// <summary>The public school sheet: who may edit which part, and what it shows (public blogs of the school and its classes, by year).</summary>
public sealed class SchoolSheetService(PreauDbContext db, AccessContext context, TimeProvider time, IServiceSwitches switches)
{
    public Task<School?> FindAsync(string uai, CancellationToken ct = default) =>
        db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Uai == uai.ToUpperInvariant() && !s.IsArchived, ct);

    public async Task<SchoolSheet> SheetAsync(Guid schoolId, CancellationToken ct = default) =>
        await db.SchoolSheets.AsNoTracking().FirstOrDefaultAsync(s => s.SchoolId == schoolId, ct) ?? new SchoolSheet { SchoolId = schoolId };

    public async Task<bool> IsDirectorAsync(School school, CancellationToken ct = default) => (await context.GetAsync(ct)).IsDirectorOf(school.Id);

    /// <summary>Agents of the school's commune, or of a groupement that contains it; administrators.</summary>
    public async Task<bool> IsTownHallAsync(School school, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (a.IsTerritoryAdmin)
        {
            return true;
        }
        var mine = a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).ToList();
        return mine.Contains(school.LocalAuthorityId)
            || (mine.Count > 0 && await db.LocalAuthorityMembers.AnyAsync(m => mine.Contains(m.GroupId) && m.MunicipalityId == school.LocalAuthorityId, ct));
    }

    /// <summary>Public blogs of the school and of its classes, newest year first (past years' class blogs stay readable).</summary>
    public async Task<IReadOnlyList<SheetBlog>> PublicBlogsAsync(Guid schoolId, CancellationToken ct = default)
    {
        var blogs = await db.Blogs.AsNoTracking().Where(b => b.Visibility == BlogVisibility.Public
                && ((b.ScopeType == ScopeType.School && b.ScopeId == schoolId)
                    || (b.ScopeType == ScopeType.Class && db.Classes.Any(c => c.Id == b.ScopeId && c.SchoolId == schoolId))))
            .Select(b => new
            {
                b.Slug, b.Title, b.ScopeType,
                Class = db.Classes.Where(c => c.Id == b.ScopeId).Select(c => new { c.Name, Year = db.SchoolYears.Where(y => y.Id == c.SchoolYearId).Select(y => y.Label).FirstOrDefault() }).FirstOrDefault(),
                b.ScopeId,
            }).ToListAsync(ct);
        // Blogs switched off by their class or by the school (which switches its classes' off with it) are not shown.
        var off = new HashSet<Guid>(await switches.OffAmongAsync(ServiceKeys.Blog, ScopeType.Class, [.. blogs.Where(b => b.ScopeType == ScopeType.Class).Select(b => b.ScopeId)], ct));
        off.UnionWith(await switches.OffAmongAsync(ServiceKeys.Blog, ScopeType.School, [schoolId], ct));
        return [.. blogs.Where(b => !off.Contains(b.ScopeId)).Select(b => new SheetBlog(b.Slug, b.Title, b.Class?.Name ?? "École", b.Class?.Year ?? ""))
            .OrderByDescending(b => b.Year).ThenBy(b => b.Space)];
    }

    public async Task SaveAsync(Guid schoolId, Action<SchoolSheet> change, CancellationToken ct = default)
    {
        var sheet = await db.SchoolSheets.FirstOrDefaultAsync(s => s.SchoolId == schoolId, ct);
        if (sheet is null)
        {
            sheet = new SchoolSheet { SchoolId = schoolId };
            db.SchoolSheets.Add(sheet);
        }
        change(sheet);
        sheet.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
