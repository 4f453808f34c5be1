export * from './src/demo-coupons.context';
