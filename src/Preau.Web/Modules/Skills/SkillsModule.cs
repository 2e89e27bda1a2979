using Preau.Web.Modules.Skills.Contracts;
using Preau.Web.Modules.Skills.Referentials;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Skills;

/// <summary>Digital skills: B2i école and CRCN referentials, pupils' sheets, class grids, attestation, exports.</summary>
internal static class SkillsModule
{
    public static void AddSkills(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<SkillsPersonalData>();
        builder.Services.AddSingleton<ShippedReferentials>();
        builder.Services.AddScoped<ReferentialImport>();
        builder.Services.AddScoped<SkillsQueries>();
        builder.Services.AddScoped<SkillsActions>();
        builder.Services.AddScoped<ISkillValidations, SkillValidations>();
    }
}
