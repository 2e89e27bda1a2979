using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.LiaisonBook.Attachments;
using Preau.Web.Modules.LiaisonBook.Contracts;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.LiaisonBook;

internal static class LiaisonBookModule
{
    public static void AddLiaisonBook(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<LiaisonPersonalData>();
        builder.Services.AddScoped<LiaisonQueries>();
        builder.Services.AddSingleton(LiaisonQueries.FamilyCounts);
        builder.Services.AddSingleton(LiaisonQueries.FamilyBoard);
        builder.Services.AddSingleton(LiaisonQueries.ClassPupils);
        builder.Services.AddSingleton(LiaisonQueries.StaffCounts);
        builder.Services.AddScoped<LiaisonActions>();
        builder.Services.AddScoped<ILiaisonCounts, LiaisonCountsService>();
        builder.Services.AddScoped<NoteAttachments>();
        builder.Services.AddScoped<IFileAccessPolicy, NoteFileAccess>();
    }
}
