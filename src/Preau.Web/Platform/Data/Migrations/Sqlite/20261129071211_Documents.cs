using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Documents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "doc_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SpaceType = table.Column<int>(type: "INTEGER", nullable: false),
                    SpaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TrashedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_doc_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "doc_folders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SpaceType = table.Column<int>(type: "INTEGER", nullable: false),
                    SpaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TrashedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_doc_folders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "doc_shares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CanEdit = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_doc_shares", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_doc_files_FolderId",
                table: "doc_files",
                column: "FolderId");

            migrationBuilder.CreateIndex(
                name: "IX_doc_files_SpaceType_SpaceId_FolderId_Name",
                table: "doc_files",
                columns: new[] { "SpaceType", "SpaceId", "FolderId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_doc_files_StoredFileId",
                table: "doc_files",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_doc_folders_ParentId",
                table: "doc_folders",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_doc_folders_SpaceType_SpaceId_ParentId_Name",
                table: "doc_folders",
                columns: new[] { "SpaceType", "SpaceId", "ParentId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_doc_shares_FileId",
                table: "doc_shares",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_doc_shares_FolderId",
                table: "doc_shares",
                column: "FolderId");

            migrationBuilder.CreateIndex(
                name: "IX_doc_shares_GroupId",
                table: "doc_shares",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_doc_shares_PersonId",
                table: "doc_shares",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "doc_files");

            migrationBuilder.DropTable(
                name: "doc_folders");

            migrationBuilder.DropTable(
                name: "doc_shares");
        }
    }
}
