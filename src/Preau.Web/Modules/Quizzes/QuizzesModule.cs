using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Quizzes;

internal static class QuizzesModule
{
    public static void AddQuizzes(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<QuizzesPersonalData>();
        builder.Services.AddScoped<QuizBook>();
        builder.Services.AddScoped<QuizActions>();
        builder.Services.AddScoped<QuizFiles>();
        builder.Services.AddScoped<IFileAccessPolicy, QuestionImageAccess>();
    }
}
