using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Training;

/// <summary>
/// What a person may do with the training sessions of a circonscription: its advisors (and administrators) publish and
/// manage them; the teachers and directors of its schools see them and register. Anybody else sees nothing (404).
/// </summary>
public sealed record TrainingViewer(Guid PersonId, bool IsAdmin, IReadOnlySet<Guid> AdvisedDistricts, IReadOnlySet<Guid> TeacherDistricts)
{
    public bool CanManage(Guid districtId) => IsAdmin || AdvisedDistricts.Contains(districtId);

    public bool CanRegister(Guid districtId) => TeacherDistricts.Contains(districtId);

    public bool CanSee(Guid districtId) => CanManage(districtId) || CanRegister(districtId);

    public bool IsAdvisor => IsAdmin || AdvisedDistricts.Count > 0;
}

public sealed class TrainingBook(PreauDbContext db, AccessContext access)
{
    private TrainingViewer? _viewer;

    public async Task<TrainingViewer> ViewerAsync(CancellationToken ct = default)
    {
        if (_viewer is not null)
        {
            return _viewer;
        }
        var a = await access.GetAsync(ct);
        var advised = a.ScopeIds(Role.Advisor, ScopeType.District).ToHashSet();
        // Teachers and directors, by the schools they teach in or direct this year.
        var schools = a.Memberships.Where(m => m.Role is Role.Teacher or Role.Director && m.ScopeId != null)
            .Select(m => m.ScopeType switch
            {
                ScopeType.School => m.ScopeId,
                ScopeType.Class => a.SchoolOfClass(m.ScopeId!.Value),
                _ => null,
            }).OfType<Guid>().Distinct().ToList();
        var districts = schools.Count == 0
            ? []
            : (await db.Schools.AsNoTracking().Where(s => schools.Contains(s.Id)).Select(s => s.DistrictId).Distinct().ToListAsync(ct)).ToHashSet();
        return _viewer = new TrainingViewer(a.PersonId, a.IsTerritoryAdmin, advised, districts);
    }
}
