/**
 * When DATABASE_URL names a PostgreSQL server, every test run gets a fresh database on it,
 * created here, migrated once, and dropped at the end, so runs cannot disturb each other.
 * Without DATABASE_URL each test file uses its own in-memory PGlite.
 */
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { connectPostgres } from '../../src/db/connect-postgres.js'
import { migrateDatabase } from '../../src/db/migrate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string | undefined
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl || !/^postgres(ql)?:\/\//.test(serverUrl)) {
    project.provide('testDatabaseUrl', undefined)
    return
  }
  const name = `corridor_test_${process.pid}_${Date.now().toString(36)}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const connection = connectPostgres(url.toString(), { max: 1 })
  await migrateDatabase(connection)
  await connection.close()
  project.provide('testDatabaseUrl', url.toString())
  console.log(`[tests] PostgreSQL database ${name} on ${url.hostname}:${url.port || 5432}`)

  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}
