export function logHandler(event) {
  console.log(JSON.stringify(event));
}
