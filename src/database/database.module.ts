import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { AppDataSource } from './app-data-source.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { migrate } from './migrate.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { TransactionRunner } from './transaction-runner.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => buildDataSourceOptions(config.database),
      // Migrations, never synchronize: the schema a process meets is the one the migrations made.
      dataSourceFactory: async (options) => {
        const dataSource = await new AppDataSource(options!).initialize();
        await migrate(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [TransactionRunner, Clock, SqliteCheckpointer],
  exports: [TransactionRunner, Clock],
})
export class DatabaseModule {}
