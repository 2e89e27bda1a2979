using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Homework.Contracts;
using Preau.Web.Modules.Homework.Pages;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Homework;

internal static class HomeworkModule
{
    public static void AddHomework(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<HomeworkPersonalData>();
        builder.Services.AddSingleton<Home.Contracts.INewItemsSource, HomeworkNewItems>();
        builder.Services.AddScoped<HomeworkBook>();
        builder.Services.AddSingleton(HomeworkBook.DueStatement);
        builder.Services.AddScoped<HomeworkActions>();
        builder.Services.AddScoped<HomeworkFiles>();
        builder.Services.AddScoped<SubjectCatalog>();
        builder.Services.AddScoped<WeekData>();
        builder.Services.AddScoped<IHomeworkDue, HomeworkDueService>();
        builder.Services.AddScoped<IFileAccessPolicy, EntryFileAccess>();
        builder.Services.AddScoped<IFileAccessPolicy, SubmissionFileAccess>();
    }
}
