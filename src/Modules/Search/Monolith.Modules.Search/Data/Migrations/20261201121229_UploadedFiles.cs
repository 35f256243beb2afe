using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Monolith.Modules.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class UploadedFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "extraction_attempts",
                schema: "search",
                table: "documents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "file",
                schema: "search",
                table: "documents",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "page_count",
                schema: "search",
                table: "documents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "structure",
                schema: "search",
                table: "documents",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "document_files",
                schema: "search",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_files", x => x.document_id);
                    table.ForeignKey(
                        name: "FK_document_files_documents_document_id",
                        column: x => x.document_id,
                        principalSchema: "search",
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Uploaded files are mostly compressed already (PDF streams, Office ZIPs): out of line, not compressed again.
            migrationBuilder.Sql("ALTER TABLE search.document_files ALTER COLUMN content SET STORAGE EXTERNAL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_files",
                schema: "search");

            migrationBuilder.DropColumn(
                name: "extraction_attempts",
                schema: "search",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "file",
                schema: "search",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "page_count",
                schema: "search",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "structure",
                schema: "search",
                table: "documents");
        }
    }
}
