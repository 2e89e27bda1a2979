using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Classes;

internal static class ClassPages
{
    /// <summary>The school when it exists and the current person may manage it; null otherwise (the page answers 404).</summary>
    public static async Task<(Guid Id, string Name)?> FindManagedSchoolAsync(PreauDbContext db, ScopeAccess scope, Guid schoolId)
    {
        if (!await scope.CanManageSchoolAsync(schoolId))
        {
            return null;
        }
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync();
        return school is null ? null : (school.Id, school.Name);
    }
}
