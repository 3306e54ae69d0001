// Hand-written T-SQL over the Chinook SQL Server model (test/fixtures/mssql/chinook): valid queries
// that must give no error, each marked with whether node-sql-parser's TransactSQL grammar lets the
// semantic checks judge it (`checked`) or the statement is left alone (`silent`, with the reason);
// and broken queries that must each give one diagnostic with its exact range and quick fix.

export interface ValidTsql {
  sql: string;
  /** 'checked': parsed and every name located; otherwise why the statement is not judged. */
  judged: 'checked' | string;
}

const ok = (sql: string): ValidTsql => ({ sql, judged: 'checked' });
const silent = (sql: string, why: string): ValidTsql => ({ sql, judged: why });

export const VALID_TSQL: ValidTsql[] = [
  ok('SELECT TOP 10 t.Name, a.Title FROM dbo.Track AS t JOIN dbo.Album AS a ON a.AlbumId = t.AlbumId ORDER BY t.Milliseconds DESC'),
  ok('SELECT [Name], [Composer] FROM [dbo].[Track] WHERE [GenreId] = 1'),
  ok('SELECT "Name" FROM "Artist" WHERE ArtistId < 10'),
  ok('SELECT a.Title, x.TrackCount FROM Album a CROSS APPLY (SELECT COUNT(*) AS TrackCount FROM Track t WHERE t.AlbumId = a.AlbumId) x'),
  ok('SELECT ar.Name, latest.Title FROM Artist ar OUTER APPLY (SELECT TOP 1 al.Title FROM Album al WHERE al.ArtistId = ar.ArtistId ORDER BY al.AlbumId DESC) AS latest'),
  ok('WITH sales AS (SELECT CustomerId, SUM(Total) AS Spent FROM Invoice GROUP BY CustomerId) SELECT c.FirstName, c.LastName, s.Spent FROM Customer c JOIN sales s ON s.CustomerId = c.CustomerId ORDER BY s.Spent DESC'),
  ok('WITH named (Id, Label) AS (SELECT ArtistId, Name FROM Artist) SELECT Id, Label FROM named WHERE Id < 10'),
  ok('WITH chain AS (SELECT EmployeeId, ReportsTo, 0 AS Depth FROM Employee WHERE ReportsTo IS NULL UNION ALL SELECT e.EmployeeId, e.ReportsTo, c.Depth + 1 FROM Employee e JOIN chain c ON e.ReportsTo = c.EmployeeId) SELECT EmployeeId, Depth FROM chain'),
  ok('SELECT Name FROM Track ORDER BY Name OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY'),
  ok('SELECT InvoiceId, CustomerId, ROW_NUMBER() OVER (PARTITION BY CustomerId ORDER BY InvoiceDate DESC) AS rn FROM Invoice'),
  ok('SELECT CustomerId, Total, SUM(Total) OVER (PARTITION BY CustomerId) AS CustomerTotal, RANK() OVER (ORDER BY Total DESC) AS r FROM Invoice'),
  ok("SELECT * INTO #recent FROM Invoice WHERE InvoiceDate >= '2013-01-01'"),
  ok('SELECT r.InvoiceId, r.Whatever, c.Email FROM #recent r JOIN Customer c ON c.CustomerId = r.CustomerId'),
  ok('DECLARE @minTotal money = 10; SELECT InvoiceId FROM Invoice WHERE Total > @minTotal'),
  ok('SELECT t.Name FROM Track t JOIN @picked p ON p.Id = t.TrackId'),
  ok('SELECT COUNT(*) FROM dbo.InvoiceLine WITH (NOLOCK) WHERE Quantity > 1'),
  ok('SELECT a.Title FROM Chinook.dbo.Album a WHERE a.ArtistId = 1'),
  ok('SELECT o.Anything FROM OtherDb.dbo.Orders o'),
  ok('SELECT * FROM LinkedSrv.Sales.dbo.Orders'),
  ok('SELECT Minutes = Milliseconds / 60000, TrackName = Name FROM Track ORDER BY Minutes'),
  ok('SELECT DATEPART(year, InvoiceDate) AS y, DATEADD(day, 30, InvoiceDate) AS due, DATEDIFF(day, InvoiceDate, GETDATE()) AS age FROM Invoice'),
  ok("SELECT Name, CASE WHEN Milliseconds > 300000 THEN 'long' ELSE 'short' END AS Length, IIF(UnitPrice > 0.99, 'premium', 'standard') AS Tier FROM Track"),
  ok("SELECT FirstName FROM Customer WHERE Country = N'Brazil' AND LastName LIKE N'S%'"),
  ok('SELECT Name FROM Artist ar WHERE EXISTS (SELECT 1 FROM Album al WHERE al.ArtistId = ar.ArtistId) AND ar.ArtistId IN (SELECT ArtistId FROM Album)'),
  ok('SELECT FirstName, LastName FROM Customer UNION SELECT FirstName, LastName FROM Employee ORDER BY LastName'),
  ok("SELECT v.Code, g.Name FROM (VALUES (1, 'a'), (2, 'b')) AS v(Code, Label) JOIN Genre g ON g.GenreId = v.Code"),
  ok('SELECT x.Id FROM (SELECT TrackId FROM Track) AS x(Id)'),
  ok("INSERT INTO Genre (GenreId, Name) OUTPUT inserted.GenreId, inserted.Name VALUES (26, N'Polka')"),
  ok('UPDATE il SET il.UnitPrice = t.UnitPrice FROM InvoiceLine il JOIN Track t ON t.TrackId = il.TrackId WHERE il.UnitPrice <> t.UnitPrice'),
  ok('UPDATE Track SET UnitPrice = UnitPrice * 1.1 OUTPUT deleted.UnitPrice, inserted.UnitPrice WHERE GenreId = 1'),
  ok('DELETE FROM PlaylistTrack OUTPUT deleted.PlaylistId, deleted.TrackId WHERE PlaylistId = 1'),
  ok("DELETE pt FROM PlaylistTrack pt JOIN Playlist p ON p.PlaylistId = pt.PlaylistId WHERE p.Name = N'Music'"),
  ok('INSERT INTO Playlist (PlaylistId, Name) SELECT 100 + GenreId, Name FROM Genre'),
  ok("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'dbo'"),
  ok('SELECT name, object_id FROM sys.tables'),
  ok('SELECT g.Name, COUNT(*) AS Tracks FROM Track t JOIN Genre g ON g.GenreId = t.GenreId GROUP BY g.Name HAVING COUNT(*) > 100'),
  ok('SELECT track.name, ALBUM.title FROM TRACK JOIN album ON album.albumid = track.AlbumId'),
  ok('SELECT CAST(Total AS decimal(10, 2)) AS t, CONVERT(varchar(10), InvoiceDate, 120) AS d FROM Invoice'),
  ok('SELECT t.Name AS [Track Name] FROM Track t ORDER BY [Track Name]'),
  ok('SELECT e.FirstName, m.FirstName AS Manager FROM Employee e LEFT JOIN Employee m ON m.EmployeeId = e.ReportsTo'),
  ok('SELECT c.CustomerId, (SELECT MAX(i.Total) FROM Invoice i WHERE i.CustomerId = c.CustomerId) AS MaxTotal FROM Customer c'),
  ok('SELECT i.Total FROM deleted d JOIN Invoice i ON i.InvoiceId = d.InvoiceId'),
  silent('SELECT TOP (10) PERCENT WITH TIES Name FROM Track ORDER BY Milliseconds', 'TOP … PERCENT WITH TIES: rejected by the grammar'),
  silent("SELECT STRING_AGG(Name, ', ') WITHIN GROUP (ORDER BY Name) FROM Artist", 'WITHIN GROUP: rejected by the grammar'),
  silent('SELECT * FROM (SELECT GenreId, MediaTypeId FROM Track) s PIVOT (COUNT(MediaTypeId) FOR GenreId IN ([1], [2])) p', 'PIVOT: output columns not modelled'),
  silent("MERGE INTO Genre AS g USING (VALUES (1, N'Rock')) AS s (Id, Name) ON g.GenreId = s.Id WHEN MATCHED THEN UPDATE SET Name = s.Name;", 'MERGE: rejected by the grammar'),
];

export interface BrokenTsql {
  sql: string;
  code: string;
  /** Text under the diagnostic's range. */
  range: string;
  /** newText of the quick fix's first edit, when a fix is expected. */
  fix?: string;
}

const bad = (sql: string, code: string, range: string, fix?: string): BrokenTsql => ({ sql, code, range, fix });

export const BROKEN_TSQL: BrokenTsql[] = [
  bad('SELECT Title FROM Albums', 'unknown-table', 'Albums', 'Album'),
  bad('SELECT * FROM [dbo].[Tracks] WITH (NOLOCK)', 'unknown-table', '[Tracks]', 'Track'),
  bad('SELECT * FROM dbp.Album', 'unknown-schema', 'dbp', 'dbo'),
  bad('SELECT * FROM Chinook.dbo.Albun', 'unknown-table', 'Albun', 'Album'),
  bad('SELECT TOP 5 Nam FROM Artist', 'unknown-column', 'Nam', 'Name'),
  bad('SELECT t.[Composr] FROM Track t', 'unknown-column', '[Composr]', 'Composer'),
  bad('SELECT a.Title, x.n FROM Album a CROSS APPLY (SELECT COUNT(*) AS n FROM Track t WHERE t.AlbumId = a.AlbumIdd) x', 'unknown-column', 'AlbumIdd', 'AlbumId'),
  bad('WITH s AS (SELECT CustomerId, SUM(Total) AS Spent FROM Invoice GROUP BY CustomerId) SELECT s.Spnt FROM s', 'unknown-column', 'Spnt', 'Spent'),
  bad('SELECT Name FROM Track ORDER BY Milisecond OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY', 'unknown-column', 'Milisecond', 'Milliseconds'),
  bad('SELECT Name FROM Track t JOIN Genre g ON g.GenreId = t.GenreId', 'ambiguous-column', 'Name', 't.'),
  bad('SELECT x.Name FROM Artist a', 'undefined-alias', 'x'),
  bad('SELECT Artist.Name FROM Artist a', 'undefined-alias', 'Artist', 'a'),
  bad("INSERT INTO Genre (GenreId, Name) VALUES (30, N'Polka', 1)", 'insert-value-count', "(30, N'Polka', 1)"),
  bad("INSERT INTO Genre (GenreId, Nme) VALUES (30, N'Polka')", 'unknown-column', 'Nme', 'Name'),
  bad("INSERT INTO Genre (GenreId, Name) OUTPUT inserted.GenreId, inserted.Nam VALUES (30, N'Polka')", 'unknown-column', 'Nam', 'Name'),
  bad('UPDATE il SET il.UnitPrise = t.UnitPrice FROM InvoiceLine il JOIN Track t ON t.TrackId = il.TrackId', 'unknown-column', 'UnitPrise', 'UnitPrice'),
  bad('DELETE FROM PlaylistTrack WHERE PlaylistID = 1 AND TrakId = 2', 'unknown-column', 'TrakId', 'TrackId'),
  bad('SELECT Minutes = Milisecond / 60000 FROM Track', 'unknown-column', 'Milisecond', 'Milliseconds'),
  bad('SELECT ROW_NUMBER() OVER (PARTITION BY CustomerID ORDER BY InvoiceDat) AS rn FROM Invoice', 'unknown-column', 'InvoiceDat', 'InvoiceDate'),
  bad('SELECT r.Total, c.Emal FROM #recent r JOIN Customer c ON c.CustomerId = r.CustomerId', 'unknown-column', 'Emal', 'Email'),
  bad("SELECT FirstName FROM customer WHERE countri = 'x'", 'unknown-column', 'countri', 'Country'),
  bad('SELECT DATEPART(year, InvoiceDte) FROM Invoice', 'unknown-column', 'InvoiceDte', 'InvoiceDate'),
  bad('SELECT [t].[Name] FROM [dbo].[Track] AS [t] JOIN [dbo].[Genre] AS [g] ON [g].[GenreId] = [t].[GenreId] WHERE [Name] = 1', 'ambiguous-column', '[Name]', 't.'),
];
